package archive_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"archivio/archive"
)

// Write one exchange, close the file, and read the response back.
func ExampleOpenWARCWriter() {
	dir, err := os.MkdirTemp("", "warc-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	clock := func() time.Time { return time.Date(2026, 11, 25, 2, 15, 0, 0, time.UTC) }

	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: dir, Software: "archivio/example", Hostname: "example", Now: clock})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	written, err := w.WriteExchange(ctx, archive.Exchange{
		TargetURI: "https://www.osservatoriopartecipazione.it/robots.txt",
		Date:      clock(),
		Request:   []byte("GET /robots.txt HTTP/1.1\r\nHost: www.osservatoriopartecipazione.it\r\n\r\n"),
		Response:  []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 25\r\n\r\n"),
		Body:      []byte("User-agent: *\nDisallow:\n\n"),
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	resp, err := archive.ReadResponse(ctx, filepath.Join(dir, written.File), written.Offset)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(written.File)
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"), resp.PayloadDigest == written.PayloadDigest)
	fmt.Printf("%q\n", resp.Body)
	// Output:
	// archivio-20261125T021500Z-00001.warc.gz
	// 200 text/plain true
	// "User-agent: *\nDisallow:\n\n"
}

// List the records of a WARC file.
func ExampleScanWARC() {
	dir, err := os.MkdirTemp("", "warc-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: dir, Hostname: "example"})
	if err != nil {
		log.Fatal(err)
	}
	written, err := w.WriteExchange(context.Background(), archive.Exchange{
		TargetURI: "https://www.osservatoriopartecipazione.it/",
		Request:   []byte("GET / HTTP/1.1\r\nHost: www.osservatoriopartecipazione.it\r\n\r\n"),
		Response:  []byte("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	err = archive.ScanWARC(context.Background(), filepath.Join(dir, written.File), func(r archive.ScannedRecord) error {
		fmt.Println(r.Type, r.TargetURI, r.StatusCode)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// warcinfo  0
	// request https://www.osservatoriopartecipazione.it/ 0
	// response https://www.osservatoriopartecipazione.it/ 404
}
