package vnet

import "errors"

var (
	// ErrClosed means the Internet was closed.
	ErrClosed = errors.New("vnet: closed")
	// ErrBadHost means a host name is empty, has a port or is an IP
	// address where a name is needed.
	ErrBadHost = errors.New("vnet: bad host name")
	// ErrNoRoute means a dial to an IP address that is not the address of
	// exactly one virtual host, or to an unsupported network: nothing
	// would answer it on the virtual internet.
	ErrNoRoute = errors.New("vnet: no route to address")
	// ErrBadIP means MapIP was given something that is not an IP address.
	ErrBadIP = errors.New("vnet: bad mapped IP address")
)
