package linkcheck_test

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"

	"archivio/internal/demo/vnet"
	"archivio/internal/netguard"
	"archivio/linkcheck"
)

// Check links on the virtual internet, through a guarded dialer that
// lets vnet's TEST-NET addresses pass and nothing private.
func ExampleChecker_Check() {
	n := vnet.New()
	defer n.Close()
	n.FailDNS("www.fabbricaideedistretto.it")
	_ = n.Handle("www.osservatoriopartecipazione.it", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/processi/141" {
			http.Redirect(w, r, "/", http.StatusMovedPermanently) // the page is gone
			return
		}
		fmt.Fprint(w, "<title>Osservatorio</title><h1>Processi partecipativi</h1>")
	}))

	guard := &netguard.GuardedDialer{
		Lookup: func(_ context.Context, host string) ([]netip.Addr, error) {
			ip, err := n.Resolve(host)
			if err != nil {
				return nil, err
			}
			a, err := netip.ParseAddr(ip)
			return []netip.Addr{a}, err
		},
		Dial: n.DialContext,
		Allow: netguard.VirtualPublic(netip.MustParsePrefix("192.0.2.0/24"),
			netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("203.0.113.0/24")),
	}
	tr := n.Transport()
	tr.DialContext = guard.DialContext
	defer tr.CloseIdleConnections()

	c, err := linkcheck.New(linkcheck.Options{Transport: tr, UserAgent: "archivio-example (+https://example.org/archivio)",
		UnsafeAddress: netguard.ErrUnsafeAddress})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range []string{
		"https://www.osservatoriopartecipazione.it/",
		"https://www.osservatoriopartecipazione.it/processi/141",
		"http://www.fabbricaideedistretto.it/",
		"http://0x7f.1/admin",
	} {
		res := c.Check(context.Background(), u)
		fmt.Println(res.Verdict, res.Status, res.Verdict.Works())
	}
	// Output:
	// ok 200 true
	// redirect_home 200 false
	// dns_not_found 0 false
	// unsafe_address 0 false
}
