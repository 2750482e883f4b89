package com.callbackdesk.planning.queue;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link Eligibility} needs to know of a consultant: the products whose callbacks they take
 * and whether they are a supervisor.
 */
public record ConsultantSkills(Set<String> products, boolean supervisor) {

    public ConsultantSkills {
        products = Set.copyOf(Objects.requireNonNull(products, "products"));
    }
}
