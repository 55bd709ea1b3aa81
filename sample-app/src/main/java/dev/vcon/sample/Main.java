package dev.vcon.sample;
public final class Main { public static void main(String[] a) {} }
