package dev.datafactory.model.spec;

public record Viewport(int width, int height) {

    public static Viewport defaults() {
        return new Viewport(1280, 800);
    }
}
