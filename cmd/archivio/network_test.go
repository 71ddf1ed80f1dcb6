package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"net/http"
	"strings"
	"testing"

	"archivio/internal/demo/demosite"
	"archivio/internal/demo/vnet"
)

// demoNetwork is the demo's virtual internet for a test: the demo site as
// the observatory, the demo records' project websites, and record 141's
// vanished site failing DNS. Nothing reaches a real host: any other name
// fails like NXDOMAIN.
func demoNetwork(t *testing.T) (*vnet.Internet, http.RoundTripper) {
	t.Helper()
	site, err := demosite.New(demosite.Options{Host: demoHost})
	if err != nil {
		t.Fatal(err)
	}
	inet := vnet.New()
	t.Cleanup(func() { inet.Close() })
	if err := inet.Handle(demoHost, site.Handler()); err != nil {
		t.Fatal(err)
	}
	if err := setUpDemoLinks(site, inet); err != nil {
		t.Fatal(err)
	}
	tr := inet.Transport()
	tr.ForceAttemptHTTP2 = false
	tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	tr.DisableCompression = true
	return inet, tr
}

// runOn runs archivio with args on a network (nil: the real one; tests
// give a virtual internet) and returns stdout, stderr and the error.
func runOn(t *testing.T, network http.RoundTripper, getenv func(string) string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: getenv, network: network})
	return out.String(), errOut.String(), err
}
