package dev.datafactory.console.shell;

import dev.datafactory.console.common.ScreenId;

/** What the console remembers between sessions: window bounds, the last screen, the theme. */
public record WindowState(double width, double height, double x, double y, boolean maximized, ScreenId lastScreen,
                          boolean dark) {

    /** NaN position: let the window system place it. */
    public static WindowState defaults() {
        return new WindowState(1280, 800, Double.NaN, Double.NaN, false, ScreenId.SCHEDULES, false);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }

    public WindowState withLastScreen(ScreenId screen) {
        return new WindowState(width, height, x, y, maximized, screen, dark);
    }

    public WindowState withBounds(double newX, double newY, double newWidth, double newHeight, boolean isMaximized) {
        return new WindowState(newWidth, newHeight, newX, newY, isMaximized, lastScreen, dark);
    }

    public WindowState withDark(boolean isDark) {
        return new WindowState(width, height, x, y, maximized, lastScreen, isDark);
    }
}
