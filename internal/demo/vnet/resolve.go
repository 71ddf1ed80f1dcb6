package vnet

import (
	"fmt"
	"hash/fnv"
	"net"
)

// poolNets are the documentation ranges (RFC 5737) fake addresses come
// from: public-looking, never routed on the real internet.
var poolNets = [...]string{"198.51.100.", "203.0.113.", "192.0.2."}

// poolSize is the number of fake addresses: .1 to .254 of each range.
const poolSize = len(poolNets) * 254

// poolAddr returns fake address number i of the pool.
func poolAddr(i int) string {
	return fmt.Sprintf("%s%d", poolNets[i/254], i%254+1)
}

// allocLocked picks name's fake address: the slot chosen by a hash of the
// name, or the next free one after it. When the pool is full, hosts share
// addresses (and a dial to a shared address has no route).
func (n *Internet) allocLocked(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	start := int(h.Sum64() % uint64(poolSize))
	addr := poolAddr(start)
	for i := range poolSize {
		if a := poolAddr((start + i) % poolSize); n.used[a] == 0 {
			addr = a
			break
		}
	}
	n.used[addr]++
	return addr
}

// addr returns the address vh resolves to.
func (vh *vhost) addr() (string, error) {
	if vh.mappedErr != nil {
		return "", vh.mappedErr
	}
	if vh.mappedIP != "" {
		return vh.mappedIP, nil
	}
	return vh.ip, nil
}

// MapIP makes host resolve to ip, for example "10.0.0.5" or "127.0.0.1",
// while it is still served by its handler if it has one. An ip that does
// not parse makes lookups of host fail with ErrBadIP.
func (n *Internet) MapIP(host, ip string) {
	name := normalize(host)
	if name == "" {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	vh := n.hostLocked(name)
	if parsed := net.ParseIP(ip); parsed != nil {
		vh.mappedIP, vh.mappedErr = parsed.String(), nil
	} else {
		vh.mappedIP, vh.mappedErr = "", &net.DNSError{Err: fmt.Sprintf("%v: %q", ErrBadIP, ip), Name: name, UnwrapErr: ErrBadIP}
	}
}

// Resolve returns the address host resolves to on the virtual internet:
// its fake public address, or the one given to MapIP. An IP address
// resolves to itself. A host that is unknown or made to fail DNS gives a
// *net.DNSError, as a lookup would.
func (n *Internet) Resolve(host string) (ip string, err error) {
	name := normalize(host)
	if parsed := net.ParseIP(name); parsed != nil {
		return parsed.String(), nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	vh, err := n.lookupLocked(name)
	if err != nil {
		return "", err
	}
	return vh.addr()
}

// lookupLocked returns the host called name, or the *net.DNSError a
// lookup of it gives.
func (n *Internet) lookupLocked(name string) (*vhost, error) {
	vh, ok := n.hosts[name]
	switch {
	case !ok || vh.fault == faultNXDomain:
		return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
	case vh.fault == faultTempDNS:
		return nil, &net.DNSError{Err: "server misbehaving", Name: name, IsTemporary: true}
	}
	if _, err := vh.addr(); err != nil {
		return nil, err
	}
	return vh, nil
}

// hostByIPLocked returns the one host that resolves to ip, or nil when
// none or several do.
func (n *Internet) hostByIPLocked(ip string) *vhost {
	var found *vhost
	for _, vh := range n.hosts {
		if vh.fault == faultNXDomain || vh.fault == faultTempDNS {
			continue
		}
		if a, err := vh.addr(); err == nil && a == ip {
			if found != nil {
				return nil
			}
			found = vh
		}
	}
	return found
}
