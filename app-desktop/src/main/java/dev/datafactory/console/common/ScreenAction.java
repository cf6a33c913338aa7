package dev.datafactory.console.common;

/** Actions the shell routes to the visible screen (Ctrl+N, Ctrl+R, F5, Ctrl+S, Delete). */
public enum ScreenAction {
    NEW, RUN, REFRESH, DELETE, SAVE
}
