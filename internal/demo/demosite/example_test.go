package demosite

import (
	"fmt"
	"net/http"

	"archivio/internal/demo/vnet"
)

func ExampleSite() {
	n := vnet.New()
	defer n.Close()
	site, err := New(Options{PageSize: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := n.Handle(DefaultHost, site.Handler()); err != nil {
		fmt.Println(err)
		return
	}
	client := &http.Client{Transport: n.Transport()}
	for _, path := range []string{"/robots.txt", "/processi?page=2", "/scheda-processo/141", "/admin/login"} {
		resp, err := client.Get("https://" + DefaultHost + path)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	fmt.Println(len(site.IDs()), site.Hits("/processi"), site.AdminHits())
	// Output:
	// /robots.txt 200 text/plain; charset=utf-8
	// /processi?page=2 200 text/html; charset=utf-8
	// /scheda-processo/141 200 text/html; charset=windows-1252
	// /admin/login 403 text/html; charset=utf-8
	// 18 1 1
}
