package org.parley;

public final class Main {
    public static void main(String[] args) {
    }
}
