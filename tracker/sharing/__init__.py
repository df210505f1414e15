"""Read-only sharing of a runner's log with a coach or physio: the token, what a
share shows, and the guard in front of the shared pages."""
