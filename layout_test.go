// The layout rules of the repository, checked: the archive is the one
// owner of the database, and the product packages (crawlers, archive,
// parsers, linkcheck, source) import nothing from internal/.
package archivio_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sqlStatement matches the start of an SQL statement in a string.
var sqlStatement = regexp.MustCompile(`(?s)^\s*(SELECT\s.+\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|VIEW)\s|DROP\s+TABLE\s|ALTER\s+TABLE\s|PRAGMA\s|WITH\s+\w+\s+AS\s*\(|BEGIN\b|COMMIT\b)`)

// databaseImports are the packages only archive/ may import.
var databaseImports = map[string]bool{"database/sql": true, "github.com/mattn/go-sqlite3": true,
	"github.com/jackc/pgx/v5": true, "github.com/jackc/pgx/v5/pgxpool": true, "github.com/jackc/pgx/v5/pgconn": true,
	"github.com/jackc/pgx/v5/stdlib": true}

// sqlIn lists what in a Go source file speaks to a database directly:
// imports of database/sql or the SQLite driver, and string literals that
// are SQL statements.
func sqlIn(name string, src []byte) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); databaseImports[p] {
			out = append(out, fset.Position(imp.Pos()).String()+": imports "+p)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		if s, err := strconv.Unquote(lit.Value); err == nil && sqlStatement.MatchString(s) {
			out = append(out, fset.Position(lit.Pos()).String()+": SQL "+strconv.Quote(firstLine(s)))
		}
		return true
	})
	return out, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

func TestSQLIn(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"plain code", `package p; var s = "Seleziona un comune"`, 0},
		{"database/sql", `package p; import "database/sql"; var _ sql.DB`, 1},
		{"the driver", `package p; import _ "github.com/mattn/go-sqlite3"`, 1},
		{"the PostgreSQL driver", `package p; import "github.com/jackc/pgx/v5/pgxpool"; var _ *pgxpool.Pool`, 1},
		{"a query", "package p; var q = `SELECT id FROM records WHERE id = ?`", 1},
		{"an insert", `package p; var q = "INSERT OR REPLACE INTO links (url) VALUES (?)"`, 1},
		{"an update", "package p; var q = `\n\t\tUPDATE links SET state = ?`", 1},
		{"a delete", `package p; var q = "DELETE FROM frontier"`, 1},
		{"a pragma", `package p; var q = "PRAGMA journal_mode"`, 1},
		{"a common table expression", "package p; var q = `WITH pick AS (SELECT 1)`", 1},
		{"words that are not SQL", `package p; var s = "select the records from the archive"`, 0},
		{"a sentence", `package p; var s = "UPDATE: the site moved"`, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sqlIn("x.go", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Errorf("found %q, want %d findings", got, tc.want)
			}
		})
	}
}

// TestOneDatabaseOwner fails when SQL or database/sql appears in non-test
// code outside archive/: the archive is the one owner of the database,
// and others use its methods.
func TestOneDatabaseOwner(t *testing.T) {
	var found []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch name := d.Name(); {
			case path == "archive", name == "testdata", path != "." && strings.HasPrefix(name, "."), name == "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := sqlIn(path, src)
		found = append(found, got...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("%s: only archive/ speaks to the database", f)
	}
}

// TestProductPackagesImportNoInternal fails when a package of crawlers/,
// archive/, parsers/, linkcheck/ or source/ depends on internal/, directly
// or not (go list -deps, non-test code).
func TestProductPackagesImportNoInternal(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports",
		"./crawlers/...", "./archive/...", "./parsers/...", "./linkcheck/...", "./source/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	n := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		n++
		if !strings.HasPrefix(p.ImportPath, "archivio/") {
			continue
		}
		for _, imp := range p.Imports {
			if imp == "archivio/internal" || strings.HasPrefix(imp, "archivio/internal/") {
				t.Errorf("%s imports %s: product packages import nothing from internal/", p.ImportPath, imp)
			}
		}
	}
	if n < 10 {
		t.Fatalf("go list listed %d packages: the patterns match nothing?", n)
	}
}
