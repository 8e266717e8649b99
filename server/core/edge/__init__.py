"""The edge of the HTTP API and the game server: who the client is (`addresses`), abuse limits
on what anyone may call (`abuse`), and the headers browsers are given (`headers`);
docs/security.md."""
