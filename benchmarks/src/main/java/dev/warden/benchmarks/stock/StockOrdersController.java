package dev.warden.benchmarks.stock;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders} and {@code GET /public/ping}, answering what the sample API answers; on
 * Spring MVC and, imported by {@code StockReactiveResourceServer}, on WebFlux.
 */
@RestController
public class StockOrdersController {

	private final Map<Long, Order> orders = new ConcurrentSkipListMap<>();

	/**
	 * Creates the controller with the sample's two orders.
	 */
	public StockOrdersController() {
		this.orders.put(1L, new Order(1, "coffee beans", 2));
		this.orders.put(2L, new Order(2, "tea", 1));
	}

	@GetMapping("/api/orders")
	List<Order> list() {
		return List.copyOf(this.orders.values());
	}

	@GetMapping("/public/ping")
	String ping() {
		return "pong";
	}

	/**
	 * An order, as the sample API's.
	 *
	 * @param id the order's id
	 * @param item what was ordered
	 * @param quantity how many
	 */
	record Order(long id, String item, int quantity) {
	}

}
