package demosite

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

func TestSetLayoutChangesEveryRecordPage(t *testing.T) {
	s := newSite(t, Options{})
	srv := serve(t, s)
	c := srv.Client()
	before := get(t, c, srv.URL+"/scheda-processo/141")
	etag := before.header.Get("ETag")
	if before.status != http.StatusOK || strings.Contains(string(before.body), "scheda-data") {
		t.Fatalf("default page: %d", before.status)
	}
	if err := s.SetLayout("xml"); !errors.Is(err, pagegen.ErrUnknownLayout) {
		t.Errorf("unknown layout: %v", err)
	}
	if err := s.SetLayout("cards"); err != nil {
		t.Errorf("a layout of pagegen.MoreLayouts: %v", err)
	}
	if err := s.SetLayout(pagegen.ShellLayout); err != nil {
		t.Fatal(err)
	}
	// A conditional request with the old validators gets the new page.
	shell := fetch(t, c, "GET", srv.URL+"/scheda-processo/141", map[string]string{"If-None-Match": etag})
	if shell.status != http.StatusOK || shell.header.Get("ETag") == etag || !strings.Contains(string(shell.body), `id="scheda-data"`) {
		t.Fatalf("shell page: %d %s", shell.status, shell.header.Get("ETag"))
	}
	// Every record, in both URL shapes.
	for _, id := range []string{"1068", "213"} {
		if r := get(t, c, srv.URL+"/processi/ambito/scheda-processo/"+id); !strings.Contains(string(r.body), `id="scheda-data"`) {
			t.Errorf("record %s is not in the shell layout", id)
		}
	}
	if err := s.SetLayout(""); err != nil {
		t.Fatal(err)
	}
	back := fetch(t, c, "GET", srv.URL+"/scheda-processo/141", map[string]string{"If-None-Match": etag})
	if back.status != http.StatusNotModified {
		t.Errorf("back to the default layout the page is the same as before: %d", back.status)
	}
}
