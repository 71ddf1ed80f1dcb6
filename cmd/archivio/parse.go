package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"archivio/parsers"
	"archivio/source/osservatorio"
)

const parseUsage = `
Usage: archivio parse [--url URL] [--content-type TYPE] [--format jsonl|json] FILE...
       archivio parse --explain [--format table|jsonl|json] [--url URL] FILE...

Reads saved observatory process pages ("scheda processo") and prints one
JSON object per page, one per line (JSON Lines), on stdout. Fields are those
of the observatory's schema, plus id, url, raw (every label found with its
text as shown), links (every URL the record carries, with the field it came
from and whether the record says it is gone) and warnings (labels the
parser does not know: the source may have changed). --format json prints
the records as one JSON array instead.

A file that cannot be read or is not a process page is reported on stderr
with its name; the other files are still parsed, and the exit status is 1.
FILE may be - for standard input.

The page URL gives the record id and resolves relative links. It is taken
from --url when that names a record (/scheda-processo/ID); otherwise from
the file's path (a mirror's .../scheda-processo/141 or a file named
141.html), joined to --url as the site address; otherwise from the page's
own canonical link.

--explain shows how each page was read, for adapting archivio to a new page
layout: every label found, the element it came from, how it matched the
field dictionary (exact, normalized, fuzzy or unknown), the decorations
dropped, each value as shown and as typed, and the text that no field took.
The explanation is a table for people; --format jsonl prints it as one
JSON object per page, --format json as one JSON array.

Examples:
  archivio parse --url https://www.osservatoriopartecipazione.it/scheda-processo/141 scheda.html
  archivio parse mirror/www.osservatoriopartecipazione.it/scheda-processo/*
  archivio parse --explain --url https://www.osservatoriopartecipazione.it/scheda-processo/141 scheda.html
  curl -s https://www.osservatoriopartecipazione.it/scheda-processo/141 | archivio parse --url https://www.osservatoriopartecipazione.it/scheda-processo/141 -
`

// defaultSite is the observatory's address, joined to record ids taken
// from file names.
const defaultSite = "https://www.osservatoriopartecipazione.it"

// maxPageSize bounds what parse reads from one file: process pages are tens
// of kilobytes, and a multi-gigabyte file is a mistake, not a page.
const maxPageSize = 64 << 20

func runParse(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "parse", parseUsage)
	pageURL := fs.String("url", "", "the page URL, or the site address to join to ids taken from file names (default "+defaultSite+")")
	contentType := fs.String("content-type", "", `the HTTP Content-Type the pages were served with, e.g. "text/html; charset=windows-1252" (decides the charset)`)
	explain := fs.Bool("explain", false, "show how each page was read instead of the records")
	format := fs.String("format", "", "output: jsonl or json; with --explain: table, jsonl or json (default jsonl; with --explain, table)")
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return fmt.Errorf("%w: parse needs at least one FILE (see archivio parse --help)", errUsage)
	}
	site, recordURL, err := parseURLFlag(*pageURL)
	if err != nil {
		return fmt.Errorf("%w: --url: %v", errUsage, err)
	}
	if recordURL != nil && len(files) > 1 {
		return fmt.Errorf("%w: --url names one record but %d files were given; give the site address instead", errUsage, len(files))
	}
	offered := []string{formatJSONL, formatJSON}
	if *explain {
		offered = []string{formatTable, formatJSONL, formatJSON}
	}
	of := &outputFormat{value: *format, offered: offered}
	if of.value == "" {
		of.value = offered[0]
	}
	outFormat, err := of.get()
	if err != nil {
		return err
	}
	if *explain {
		return explainFiles(ctx, e, files, site, recordURL, *contentType, outFormat)
	}

	out := newObjectWriter(e.stdout, outFormat)
	failed := 0
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("parse: %w", err)
		}
		rec, err := parseFile(e, name, site, recordURL, *contentType)
		if err == nil {
			err = out.Write(rec)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "archivio parse: %s: %v\n", name, err)
			failed++
		}
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("parse: write: %w", err)
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "archivio parse: %d of %d files failed\n", failed, len(files))
		return errReported
	}
	return nil
}

// parseURLFlag splits --url into a site address and, when it names a
// record, that record's URL.
func parseURLFlag(s string) (site, record *url.URL, err error) {
	if s == "" {
		s = defaultSite
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, nil, fmt.Errorf("%q is not an http(s) address", s)
	}
	if _, ok := osservatorio.RecordID(u.String()); ok {
		return &url.URL{Scheme: u.Scheme, Host: u.Host}, u, nil
	}
	return u, nil, nil
}

// fileID matches files named after a record id: 141.html, 141.htm, 141.
var fileID = regexp.MustCompile(`^(\d{1,9})(?:\.html?)?$`)

func parseFile(e *env, name string, site, recordURL *url.URL, contentType string) (*parsers.Record, error) {
	body, err := readPage(e, name)
	if err != nil {
		return nil, err
	}
	rec, err := parsers.Parse(body, pageURLFor(name, site, recordURL), contentType)
	if errors.Is(err, parsers.ErrNoRecordID) {
		return nil, fmt.Errorf("%w: pass the page address with --url", err)
	}
	return rec, err
}

// pageURLFor is the URL a file's page is read as: --url when it names a
// record, else one derived from the file's path (nil when none is).
func pageURLFor(name string, site, recordURL *url.URL) *url.URL {
	if recordURL != nil {
		return recordURL
	}
	return urlFromPath(site, name)
}

// urlFromPath derives a record URL from a file's path, or returns nil.
func urlFromPath(site *url.URL, name string) *url.URL {
	slashed := filepath.ToSlash(name)
	id, ok := osservatorio.RecordID(slashed)
	if !ok {
		m := fileID.FindStringSubmatch(filepath.Base(name))
		if m == nil {
			return nil
		}
		if _, err := fmt.Sscan(m[1], &id); err != nil || id <= 0 {
			return nil
		}
	}
	u := *site
	u.Path = strings.TrimSuffix(u.Path, "/") + fmt.Sprintf("/scheda-processo/%d", id)
	return &u
}

func readPage(e *env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, errors.New("is a directory")
		}
		r = f
	}
	body, err := io.ReadAll(io.LimitReader(r, maxPageSize+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(body) > maxPageSize {
		return nil, fmt.Errorf("larger than %d MiB: not a page", maxPageSize>>20)
	}
	return body, nil
}
