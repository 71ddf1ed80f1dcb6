// Package hostile serves misbehaving HTTP answers for archivio's tests:
// decompression bombs, endless and huge bodies, connections dropped in the
// middle of a body, bodies shorter than their Content-Length, broken
// chunked encoding, and bodies that stall until released. Each is an
// http.Handler to mount on an httptest server (or a virtual host of
// internal/demo/vnet); nothing here reaches the network on its own.
package hostile
