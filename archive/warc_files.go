package archive

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// WARC file names are PREFIX-YYYYMMDDTHHMMSSZ-NNNNN.warc.gz, NAME.open while
// written, with the index NAME.cdxj beside them. The serial NNNNN never
// repeats within a directory: a new file takes the next serial after the
// highest found there, whatever the prefix, open or closed.

// warcSerialRE matches the timestamp and serial of a WARC file name and of
// its open and index forms.
var warcSerialRE = regexp.MustCompile(`-\d{8}T\d{6}Z-(\d{5,9})\.warc\.gz(\.open|\.cdxj)?$`)

// warcFileName is the final name of the file with this prefix, creation
// time and serial.
func warcFileName(prefix string, t time.Time, serial int) string {
	return fmt.Sprintf("%s-%s-%05d%s", prefix, t.UTC().Format("20060102T150405Z"), serial, warcFileExt)
}

// highestWARCSerial returns the highest serial of the WARC files in dir, 0
// for none.
func highestWARCSerial(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("list %s: %w", dir, err)
	}
	high := 0
	for _, e := range entries {
		m := warcSerialRE.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		if n, err := strconv.Atoi(m[1]); err == nil && n > high {
			high = n
		}
	}
	return high, nil
}

// createWARCFile creates dir/NAME.open for the first free serial above
// both after and the highest serial in dir. It returns the file, its final
// name and its serial.
func createWARCFile(dir, prefix string, t time.Time, after int) (*os.File, string, int, error) {
	high, err := highestWARCSerial(dir)
	if err != nil {
		return nil, "", 0, err
	}
	serial := max(high, after)
	for range 100 {
		serial++
		name := warcFileName(prefix, t, serial)
		f, err := os.OpenFile(filepath.Join(dir, name+warcOpenSuffix), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // another writer took it meanwhile
		}
		if err != nil {
			return nil, "", 0, fmt.Errorf("create warc file %s: %w", name, err)
		}
		return f, name, serial, nil
	}
	return nil, "", 0, fmt.Errorf("create warc file in %s: no free serial after %d", dir, serial)
}

// renameDurably renames from to to and fsyncs their directory so that the
// rename survives a crash.
func renameDurably(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return syncDir(filepath.Dir(to))
}

// syncDir fsyncs a directory, persisting the entries created or renamed in it.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// warcOpenPath opens a WARC file under the name it has now: path itself,
// or its .open form before the file is closed, or its final form when path
// names an .open file since renamed.
func warcOpenPath(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	alt := path + warcOpenSuffix
	if strings.HasSuffix(path, warcOpenSuffix) {
		alt = strings.TrimSuffix(path, warcOpenSuffix)
	}
	if f, aerr := os.Open(alt); aerr == nil {
		return f, nil
	}
	return nil, err
}
