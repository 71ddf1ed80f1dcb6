package demosite

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Defaults of Options.
const (
	DefaultPageSize = 5
	DefaultHost     = "www.osservatoriopartecipazione.it"
)

// Options configure a Site. The zero value serves the 18 real records
// on DefaultHost, five per listing page.
type Options struct {
	// PageSize is the number of records per listing page; 0 means
	// DefaultPageSize.
	PageSize int
	// Records is the number of records: 0 serves the 18 real records
	// under their own ids; N > 0 serves N synthetic records with ids 1..N,
	// made by cycling the real texts, their titles suffixed " (n)".
	Records int
	// Host is the site's host name, used for the one absolute link of
	// the home page and in the pages of synthetic records; "" means
	// DefaultHost. Every other link uses the request's own host.
	Host string
	// CrawlDelay, when positive, is written to robots.txt as
	// "Crawl-delay:" in seconds. By default there is no such line.
	CrawlDelay time.Duration
}

// withDefaults returns o with its zero fields set to their defaults.
func (o Options) withDefaults() Options {
	if o.PageSize == 0 {
		o.PageSize = DefaultPageSize
	}
	if o.Host == "" {
		o.Host = DefaultHost
	}
	return o
}

// Validate reports every field of o that is out of range, each as an
// error wrapping ErrOptions.
func (o Options) Validate() error {
	var errs []error
	if o.PageSize < 0 {
		errs = append(errs, fmt.Errorf("%w: PageSize %d: must not be negative", ErrOptions, o.PageSize))
	}
	if o.Records < 0 {
		errs = append(errs, fmt.Errorf("%w: Records %d: must not be negative", ErrOptions, o.Records))
	}
	if o.CrawlDelay < 0 {
		errs = append(errs, fmt.Errorf("%w: CrawlDelay %v: must not be negative", ErrOptions, o.CrawlDelay))
	}
	if h := o.Host; h != "" && strings.ContainsAny(h, ":/?#@ \t\r\n\"'<>&[]\\") {
		errs = append(errs, fmt.Errorf("%w: Host %q: want a bare host name, without scheme or port", ErrOptions, h))
	}
	return errors.Join(errs...)
}
