package vnet

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// fault is how a host misbehaves instead of being served.
type fault int

const (
	faultNone      fault = iota // served by its handler, if it has one
	faultNXDomain               // lookups fail: no such host
	faultTempDNS                // lookups fail: temporary resolver failure
	faultBlackhole              // connections are accepted, nothing is answered
	faultRefuse                 // connections are refused
)

// vhost is one host name of the virtual internet.
type vhost struct {
	name  string
	ip    string // fake public address from the pool, assigned when the host is first known
	fault fault

	mappedIP  string // set by MapIP; wins over ip
	mappedErr error  // set by MapIP when its address was not an IP

	handler   atomic.Pointer[handlerBox] // nil until Handle
	httpAddr  string                     // loopback address of the port-80 listener
	httpsAddr string                     // loopback address of the port-443 listener
	hits      atomic.Int64
}

// handlerBox lets Handle swap a host's handler while it is being served.
type handlerBox struct{ h http.Handler }

// Internet is a set of virtual hosts served on loopback. The zero value is
// not usable: call New, and Close when done.
type Internet struct {
	mu      sync.Mutex
	closed  bool
	hosts   map[string]*vhost
	used    map[string]int // pool address -> hosts holding it
	servers []*http.Server
	hole    *blackhole // nil until the first Blackhole

	wg     sync.WaitGroup // serve loops, blackhole goroutines, handlers in flight
	ctx    context.Context
	cancel context.CancelFunc

	ca     *authority
	caErr  error // why the CA could not be made; returned by Handle
	roots  *x509.CertPool
	errLog *log.Logger
}

// New returns an empty Internet. Its certificate authority is made here;
// every host passed to Handle gets a certificate signed by it.
func New() *Internet {
	ctx, cancel := context.WithCancel(context.Background())
	n := &Internet{
		hosts:  make(map[string]*vhost),
		used:   make(map[string]int),
		ctx:    ctx,
		cancel: cancel,
		roots:  x509.NewCertPool(),
		errLog: log.New(io.Discard, "", 0),
	}
	n.ca, n.caErr = newAuthority()
	if n.caErr == nil {
		n.roots.AddCert(n.ca.cert)
	}
	return n
}

// Handle serves host with h, on plain HTTP (port 80) and on HTTPS (port
// 443), each on a 127.0.0.1 listener of its own. Calling Handle again for
// the same host swaps the handler and clears any fault set for it.
func (n *Internet) Handle(host string, h http.Handler) error {
	name, err := hostName(host)
	if err != nil {
		return err
	}
	if h == nil {
		return fmt.Errorf("handle %s: nil handler", name)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return fmt.Errorf("handle %s: %w", name, ErrClosed)
	}
	if n.caErr != nil {
		return fmt.Errorf("handle %s: certificate authority: %w", name, n.caErr)
	}
	vh := n.hostLocked(name)
	if vh.handler.Load() == nil {
		if err := n.listenLocked(vh); err != nil {
			return fmt.Errorf("handle %s: %w", name, err)
		}
	}
	vh.handler.Store(&handlerBox{h: h})
	vh.fault = faultNone
	return nil
}

// listenLocked opens vh's two listeners and starts serving them.
func (n *Internet) listenLocked(vh *vhost) error {
	cert, err := n.ca.leaf(vh.name, vh.ip)
	if err != nil {
		return err
	}
	plain, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listen http: %w", err)
	}
	secure, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		plain.Close()
		return fmt.Errorf("listen https: %w", err)
	}
	handler := n.hostHandler(vh)
	plainSrv := n.newServer(handler, nil)
	secureSrv := n.newServer(handler, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	n.servers = append(n.servers, plainSrv, secureSrv)
	vh.httpAddr = plain.Addr().String()
	vh.httpsAddr = secure.Addr().String()
	n.wg.Go(func() { _ = plainSrv.Serve(plain) })
	n.wg.Go(func() { _ = secureSrv.Serve(tls.NewListener(secure, secureSrv.TLSConfig)) })
	return nil
}

// newServer returns a server whose requests carry contexts that end at
// Close, and which logs nothing (clients that give up mid-handshake are
// expected here).
func (n *Internet) newServer(h http.Handler, tc *tls.Config) *http.Server {
	return &http.Server{
		Handler:           h,
		TLSConfig:         tc,
		ReadHeaderTimeout: 30 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return n.ctx },
		ErrorLog:          n.errLog,
	}
}

// hostHandler counts each request for vh, tracks it until its handler
// returns, and passes it to vh's current handler.
func (n *Internet) hostHandler(vh *vhost) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.mu.Lock()
		if n.closed {
			n.mu.Unlock()
			http.Error(w, "vnet: closed", http.StatusServiceUnavailable)
			return
		}
		n.wg.Add(1)
		n.mu.Unlock()
		defer n.wg.Done()
		vh.hits.Add(1)
		vh.handler.Load().h.ServeHTTP(w, r)
	})
}

// FailDNS makes lookups of host fail like NXDOMAIN: a *net.DNSError with
// IsNotFound set.
func (n *Internet) FailDNS(host string) { n.setFault(host, faultNXDomain) }

// TempFailDNS makes lookups of host fail like a resolver that could not
// answer: a *net.DNSError with IsTemporary set.
func (n *Internet) TempFailDNS(host string) { n.setFault(host, faultTempDNS) }

// Blackhole makes connections to host succeed on every port while nothing
// is ever answered, so that clients time out.
func (n *Internet) Blackhole(host string) { n.setFault(host, faultBlackhole) }

// Refuse makes connections to host fail with ECONNREFUSED on every port.
func (n *Internet) Refuse(host string) { n.setFault(host, faultRefuse) }

func (n *Internet) setFault(host string, f fault) {
	name := normalize(host)
	if name == "" {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.hostLocked(name).fault = f
}

// Hits returns how many requests host has been served so far, over both
// of its listeners. A blackholed, refused or unknown host has none.
func (n *Internet) Hits(host string) int {
	n.mu.Lock()
	vh := n.hosts[normalize(host)]
	n.mu.Unlock()
	if vh == nil {
		return 0
	}
	return int(vh.hits.Load())
}

// Close stops every listener, ends every connection, cancels the context
// of requests in flight and waits for all of the Internet's goroutines,
// handlers included, to return. Handlers should therefore return when
// their request's context is done. Calling Close again does nothing.
func (n *Internet) Close() error {
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		return nil
	}
	n.closed = true
	servers, hole := n.servers, n.hole
	n.mu.Unlock()

	var errs []error
	for _, srv := range servers {
		if err := srv.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	n.cancel() // after the connections are gone: no handler answers now
	if hole != nil {
		hole.close()
	}
	n.wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close vnet: %w", err)
	}
	return nil
}

// hostLocked returns the host called name, making it known (with a pool
// address) if it was not.
func (n *Internet) hostLocked(name string) *vhost {
	if vh, ok := n.hosts[name]; ok {
		return vh
	}
	vh := &vhost{name: name, ip: n.allocLocked(name)}
	n.hosts[name] = vh
	return vh
}

// normalize returns host in lower case without a trailing dot.
func normalize(host string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(host), "."))
}

// hostName normalizes host and checks that it is a name that can be served.
func hostName(host string) (string, error) {
	name := normalize(host)
	switch {
	case name == "":
		return "", fmt.Errorf("%w: empty", ErrBadHost)
	case strings.ContainsAny(name, ":/ \t\r\n[]@?#"):
		return "", fmt.Errorf("%w: %q (want a bare name, without scheme or port)", ErrBadHost, host)
	case net.ParseIP(name) != nil:
		return "", fmt.Errorf("%w: %q is an IP address (serve a name and MapIP it)", ErrBadHost, host)
	}
	return name, nil
}
