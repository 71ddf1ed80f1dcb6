package vnet

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"
)

// DialContext connects to addr ("host:port") on the virtual internet, for
// use as http.Transport.DialContext. Port 80 of a handled host reaches its
// HTTP listener and port 443 its HTTPS listener; any other port is
// refused. An unknown host fails like NXDOMAIN; an IP address reaches the
// one virtual host that resolves to it, and otherwise has no route
// (ErrNoRoute). Errors are *net.OpError values, as net.Dialer returns,
// wrapping a *net.DNSError, syscall.ECONNREFUSED, ErrNoRoute, ErrClosed or
// the context's error. The connection's RemoteAddr is the address the host
// resolves to, not the loopback listener.
func (n *Internet) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	opErr := func(remote net.Addr, err error) error {
		return &net.OpError{Op: "dial", Net: network, Addr: remote, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return nil, opErr(nil, err)
	}
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, opErr(nil, fmt.Errorf("%w: network %q", ErrNoRoute, network))
	}
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, opErr(nil, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 0 || port > 65535 {
		return nil, opErr(nil, fmt.Errorf("%w: bad port in %q", ErrNoRoute, addr))
	}

	target, remote, err := n.route(normalize(host), port)
	if err != nil {
		return nil, opErr(remote, err)
	}
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", target)
	if err != nil {
		return nil, opErr(remote, err)
	}
	return &conn{Conn: c, remote: remote}, nil
}

// route returns the loopback address that answers host:port, and the
// address the connection appears to reach.
func (n *Internet) route(host string, port int) (target string, remote net.Addr, err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return "", nil, ErrClosed
	}
	var vh *vhost
	if ip := net.ParseIP(host); ip != nil {
		remote = &net.TCPAddr{IP: ip, Port: port}
		if vh = n.hostByIPLocked(ip.String()); vh == nil {
			return "", remote, fmt.Errorf("%w: %s", ErrNoRoute, ip)
		}
	} else {
		if vh, err = n.lookupLocked(host); err != nil {
			return "", nil, err
		}
		a, _ := vh.addr() // lookupLocked checked it
		remote = &net.TCPAddr{IP: net.ParseIP(a), Port: port}
	}

	refused := os.NewSyscallError("connect", syscall.ECONNREFUSED)
	switch vh.fault {
	case faultRefuse:
		return "", remote, refused
	case faultBlackhole:
		hole, err := n.blackholeLocked()
		if err != nil {
			return "", remote, err
		}
		return hole.addr, remote, nil
	}
	switch {
	case vh.handler.Load() == nil:
		return "", remote, refused // the name resolves, nothing listens
	case port == 80:
		return vh.httpAddr, remote, nil
	case port == 443:
		return vh.httpsAddr, remote, nil
	}
	return "", remote, refused
}

// conn is a loopback connection that reports the virtual address it
// reached.
type conn struct {
	net.Conn
	remote net.Addr
}

func (c *conn) RemoteAddr() net.Addr { return c.remote }

// Transport returns a new transport that reaches only the virtual
// internet: DialContext for every connection, TLSConfig for HTTPS, no
// proxy. HTTP/2 is not attempted, so that exchanges stay HTTP/1.1 as a
// recording transport expects.
func (n *Internet) Transport() *http.Transport {
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           n.DialContext,
		TLSClientConfig:       n.TLSConfig(),
		TLSHandshakeTimeout:   10 * time.Second,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}
