package serve

import (
	"archive/zip"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"archivio/internal/export"
)

func (s *Server) downloads(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "downloads", "Downloads", "downloads", map[string]any{
		"Formats": []string{"csv", "jsonl", "parquet", "sqlite"},
	})
}

// downloadRecords exports the records of a filtered listing in a format,
// as a ZIP of the export's files (tables, datapackage.json, codebook,
// manifest). The export is written to a temporary folder, never into the
// data directory, and removed once sent.
func (s *Server) downloadRecords(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if _, ok := export.Formats[format]; !ok {
		s.fail(w, r, http.StatusBadRequest, "format: want csv, jsonl, parquet or sqlite")
		return
	}
	rq, err := recordQuery(q)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	shared, _ := s.o.Archive.(export.Archive)
	if s.o.DataDir == "" && shared == nil {
		s.fail(w, r, http.StatusNotFound, "downloads need the data directory")
		return
	}
	if s.o.DataDir != "" {
		shared = nil // the archive in the data directory
	}
	ctx := r.Context()
	var only func(int) bool
	if len(filterValues(q)) > 0 {
		ids, err := s.o.Archive.MatchingRecordIDs(ctx, rq)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		set := make(map[int]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		only = func(id int) bool { return set[id] }
	}
	tmp, err := os.MkdirTemp("", "archivio-download-")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	defer os.RemoveAll(tmp)
	if _, err := export.Export(ctx, export.Options{DataDir: s.o.DataDir, Archive: shared, OutDir: tmp, Format: format,
		Version: s.o.Version, Records: only}); err != nil {
		s.failErr(w, r, err)
		return
	}
	name := "archivio-records-" + format + "-" + s.o.Now().UTC().Format("20060102")
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.zip"`)
	zw := zip.NewWriter(w)
	err = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(tmp, p)
		zf, err := zw.CreateHeader(&zip.FileHeader{Name: name + "/" + filepath.ToSlash(rel), Method: zip.Deflate, Modified: time.Now().UTC()})
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(zf, f)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		s.o.Logger.Warn("download records", "err", err)
	}
}

// downloadWACZ sends the whole archive as a WACZ package, built as it is
// sent.
func (s *Server) downloadWACZ(w http.ResponseWriter, r *http.Request) {
	o := export.WACZOptions{DataDir: s.o.DataDir, Version: s.o.Version, Now: s.o.Now}
	if s.o.DataDir == "" {
		shared, ok := s.o.Archive.(export.WACZArchive)
		if !ok {
			s.fail(w, r, http.StatusNotFound, "downloads need the data directory")
			return
		}
		o.Archive = shared
	}
	w.Header().Set("Content-Type", "application/wacz")
	w.Header().Set("Content-Disposition", `attachment; filename="`+export.WACZName+`"`)
	if r.Method == http.MethodHead {
		return
	}
	if _, err := export.WriteWACZ(r.Context(), o, w); err != nil {
		s.o.Logger.Warn("download wacz", "err", err)
	}
}
