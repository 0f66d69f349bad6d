"""Staff sign-in at the counter (issue 12): the sign-in and lock screen, the idle watch,
the lock of the window and the status bar's badge of who is signed in."""
