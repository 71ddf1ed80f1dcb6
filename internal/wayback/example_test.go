package wayback_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"archivio/internal/wayback"
)

func ExampleClient_Latest() {
	// A stand-in for https://archive.org/wayback/available.
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("url") != "http://example.com/" {
			fmt.Fprint(w, `{"archived_snapshots": {}}`)
			return
		}
		fmt.Fprint(w, `{"archived_snapshots": {"closest": {"available": true, "status": "200",
			"url": "http://web.archive.org/web/20130919044612/http://example.com/", "timestamp": "20130919044612"}}}`)
	}))
	defer api.Close()

	c := &wayback.Client{Endpoint: api.URL + "/wayback/available"}
	s, err := c.Latest(context.Background(), "http://example.com/")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Timestamp, s.Status, s.URL)

	_, err = c.Latest(context.Background(), "http://www.fabbricaideedistretto.it/")
	fmt.Println(errors.Is(err, wayback.ErrNoSnapshot))
	// Output:
	// 2013-09-19 04:46:12 +0000 UTC 200 http://web.archive.org/web/20130919044612/http://example.com/
	// true
}
