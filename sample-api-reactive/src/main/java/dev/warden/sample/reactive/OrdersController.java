package dev.warden.sample.reactive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.warden.scope.RequireLiveCheck;
import dev.warden.scope.RequireScope;
import dev.warden.scope.RequireStepUp;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders resource. Reading needs {@code orders:read} (declared on the class), creating
 * {@code orders:write} and deleting {@code orders:admin} (declared on the methods, which win).
 * Deleting also checks the token live with the authorization server, so a revoked admin token
 * stops working at once (within the introspection cache TTL). Refunding needs a recent sign-in
 * with multi-factor authentication (step-up, RFC 9470).
 */
@RestController
@RequestMapping("/api/orders")
@RequireScope("orders:read")
class OrdersController {

	private final Map<Long, Order> orders = new ConcurrentSkipListMap<>();

	private final AtomicLong ids = new AtomicLong();

	OrdersController() {
		add("coffee beans", 2);
		add("tea", 1);
	}

	private Order add(String item, int quantity) {
		Order order = new Order(this.ids.incrementAndGet(), item, quantity);
		this.orders.put(order.id(), order);
		return order;
	}

	@GetMapping
	Mono<List<Order>> list() {
		return Mono.fromSupplier(() -> List.copyOf(this.orders.values()));
	}

	@GetMapping("/{id}")
	Mono<ResponseEntity<Order>> get(@PathVariable long id) {
		Order order = this.orders.get(id);
		return Mono.just((order != null) ? ResponseEntity.ok(order) : ResponseEntity.notFound().build());
	}

	@PostMapping
	@RequireScope("orders:write")
	Mono<ResponseEntity<Order>> create(@RequestBody(required = false) Mono<Map<String, Object>> body) {
		return body.map((fields) -> {
			Object item = fields.getOrDefault("item", "unnamed");
			Object quantity = fields.getOrDefault("quantity", 1);
			return add(String.valueOf(item), (quantity instanceof Number number) ? number.intValue() : 1);
		})
			.switchIfEmpty(Mono.fromSupplier(() -> add("unnamed", 1)))
			.map((order) -> ResponseEntity.status(HttpStatus.CREATED).body(order));
	}

	/**
	 * Refunds an order: a payout, so the token needs {@code orders:write} and a sign-in at level
	 * {@code mfa} or above ({@code warden.step-up.acr-levels}) no older than five minutes.
	 */
	@PostMapping("/{id}/refund")
	@RequireScope("orders:write")
	@RequireStepUp(acr = "mfa", maxAge = "300s")
	Mono<ResponseEntity<Map<String, Object>>> refund(@PathVariable long id) {
		if (!this.orders.containsKey(id)) {
			return Mono.just(ResponseEntity.notFound().build());
		}
		Map<String, Object> refund = new LinkedHashMap<>();
		refund.put("id", id);
		refund.put("refunded", true);
		return Mono.just(ResponseEntity.ok(refund));
	}

	@DeleteMapping("/{id}")
	@OrdersAdmin
	@RequireLiveCheck
	Mono<ResponseEntity<Void>> delete(@PathVariable long id) {
		this.orders.remove(id);
		return Mono.just(ResponseEntity.noContent().build());
	}

}
