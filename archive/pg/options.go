package pg

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"archivio/archive"
)

// Options of a Store. The zero value is usable: its defaults are
// documented on each field.
type Options struct {
	// Node is this process's name among the crawler nodes: it owns the
	// leases it takes and the WARC files it writes. Default "node".
	Node string
	// LeaseTTL is how long a claimed URL stays this node's without a
	// heartbeat. Default 2 minutes.
	LeaseTTL time.Duration
	// Politeness says what one politeness row stands for: "host" (the
	// default), "domain" (the registrable domain: many sites of one
	// hosting provider under one name) or "ip" (the address a host
	// resolves to: many names on one server).
	Politeness string
	// Delay and MaxInFlight are a new host's pace: at least Delay between
	// the starts of two fetches and after each fetch ends, and at most
	// MaxInFlight fetches at once, over all nodes. Defaults 1 s and 1; a
	// negative Delay is none.
	Delay       time.Duration
	MaxInFlight int
	// Resolve looks up a host's addresses for Politeness "ip". Default
	// net.DefaultResolver.LookupHost.
	Resolve func(ctx context.Context, host string) ([]string, error)
	// RemoteWARCs says the node's WARC files go to object storage: its
	// captures are catalogued pending until their file is stored.
	RemoteWARCs bool
	// AlertClaimTTL is how long a pending alert stays claimed by the
	// process that stored or claimed it to deliver it, renewed at each
	// delivery it records: a node that dies while delivering leaves its
	// alerts to the next node starting once their claim expired. Default
	// 30 minutes, longer than a webhook's retries.
	AlertClaimTTL time.Duration
	// MaxConns bounds the pool; 0 is pgx's default.
	MaxConns int32
	// WARCs reads the catalog's WARC files by range, where they are
	// kept (the bucket of warc_storage, or a folder): what Payload and
	// WARCRecord read. Without it they fail.
	WARCs archive.WARCOpener
}

// The politeness keys.
const (
	PolitenessHost   = "host"
	PolitenessDomain = "domain"
	PolitenessIP     = "ip"
)

func (o *Options) fill() error {
	if o.Node == "" {
		o.Node = "node"
	}
	if o.LeaseTTL == 0 {
		o.LeaseTTL = 2 * time.Minute
	}
	if o.AlertClaimTTL == 0 {
		o.AlertClaimTTL = 30 * time.Minute
	}
	if o.Politeness == "" {
		o.Politeness = PolitenessHost
	}
	switch {
	case o.Delay == 0:
		o.Delay = time.Second
	case o.Delay < 0:
		o.Delay = 0
	}
	if o.MaxInFlight == 0 {
		o.MaxInFlight = 1
	}
	if o.Resolve == nil {
		o.Resolve = net.DefaultResolver.LookupHost
	}
	var errs []error
	if o.LeaseTTL < time.Second {
		errs = append(errs, fmt.Errorf("lease TTL %s: at least 1s", o.LeaseTTL))
	}
	switch o.Politeness {
	case PolitenessHost, PolitenessDomain, PolitenessIP:
	default:
		errs = append(errs, fmt.Errorf("politeness %q: host, domain or ip", o.Politeness))
	}
	if o.MaxInFlight < 0 {
		errs = append(errs, fmt.Errorf("in flight %d: not negative", o.MaxInFlight))
	}
	return errors.Join(errs...)
}
