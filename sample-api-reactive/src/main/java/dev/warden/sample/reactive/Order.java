package dev.warden.sample.reactive;

/**
 * An order.
 *
 * @param id the order's id
 * @param item what was ordered
 * @param quantity how many
 */
public record Order(long id, String item, int quantity) {
}
