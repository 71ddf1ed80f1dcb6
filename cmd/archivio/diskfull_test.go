package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"archivio/internal/demo/demosite"
)

// TestCrawlOnAFullDisk crawls into WARC files on a small tmpfs that fills
// up: the crawl fails saying the disk is full, leaves no file open (the
// last whole records kept), and once there is room again --resume
// finishes the crawl with every record and every file readable. It needs
// to mount a tmpfs (root with CAP_SYS_ADMIN); elsewhere it is skipped, and
// the archive's tests with a file that fails with ENOSPC cover the writer.
func TestCrawlOnAFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=400k"); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
	const records = 300
	site, err := demosite.New(demosite.Options{Records: records})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	dir := t.TempDir()
	if err := os.Symlink(mnt, filepath.Join(dir, "warc")); err != nil {
		t.Fatal(err)
	}
	args := []string{"crawl", "--base-url", srv.URL, "--allow-private", "--delay", "0", "--data", dir, "--quiet"}

	out, errOut, err := runCLI(t, "", args...)
	if err == nil {
		t.Fatalf("the crawl did not notice the full disk:\n%s", out)
	}
	if !strings.Contains(err.Error()+out, "disk full") || !strings.Contains(err.Error()+out, "no space left") {
		t.Errorf("the error does not say the disk is full: %v\n%s%s", err, out, errOut)
	}
	t.Logf("%v", err)
	if open, _ := filepath.Glob(filepath.Join(mnt, "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open on the full disk: %v", open)
	}

	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, "size=20m"); err != nil {
		t.Fatalf("grow the tmpfs: %v", err)
	}
	if out, errOut, err := runCLI(t, "", append(args, "--resume")...); err != nil {
		t.Fatalf("resumed crawl: %v\n%s%s", err, out, errOut)
	}
	if n := storedRecords(t, dir); n != records {
		t.Errorf("%d records after the resume, want %d", n, records)
	}
	warcReadable(t, dir)
	files, _ := filepath.Glob(filepath.Join(mnt, "*.warc.gz"))
	for _, f := range files {
		if _, err := os.Stat(f + ".cdxj"); err != nil {
			t.Errorf("no index beside %s", f)
		}
	}
}
