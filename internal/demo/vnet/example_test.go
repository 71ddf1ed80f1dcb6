package vnet_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"

	"archivio/internal/demo/vnet"
)

func Example() {
	n := vnet.New()
	defer n.Close()

	_ = n.Handle("www.osservatoriopartecipazione.it", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello over TLS=%v", r.TLS != nil)
	}))
	n.FailDNS("www.fabbricaideedistretto.it")

	client := &http.Client{Transport: n.Transport()}
	resp, err := client.Get("https://www.osservatoriopartecipazione.it/")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status, string(body))

	_, err = client.Get("http://www.fabbricaideedistretto.it/")
	var dnsErr *net.DNSError
	fmt.Println(errors.As(err, &dnsErr) && dnsErr.IsNotFound)

	ip, _ := n.Resolve("www.osservatoriopartecipazione.it")
	fmt.Println(net.ParseIP(ip).IsPrivate(), n.Hits("www.osservatoriopartecipazione.it"))
	// Output:
	// 200 OK hello over TLS=true
	// true
	// false 1
}
