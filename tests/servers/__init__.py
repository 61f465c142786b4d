"""Test-only HTTP servers (not shipped in the package): real sockets on 127.0.0.1."""
