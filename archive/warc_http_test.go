package archive

import "testing"

func TestWARCHTTPHeaderWithoutBlankLine(t *testing.T) {
	for _, head := range []string{
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
		"HTTP/1.1 200 OK\nContent-Type: text/html",
	} {
		b := []byte(head)
		h, err := warcHTTPHeader(b)
		if err != nil || h.Get("Content-Type") != "text/html" || string(b) != head {
			t.Errorf("warcHTTPHeader(%q) = %v, %v", head, h, err)
		}
	}
}

func TestWARCStatusAndMime(t *testing.T) {
	cases := []struct {
		name, head string
		status     int
		mime       string
	}{
		{"plain", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n", 200, "text/html"},
		{"no reason phrase", "HTTP/1.1 404\r\n\r\n", 404, "unk"},
		{"media type lowercased", "HTTP/1.0 200 OK\r\nContent-Type: Application/PDF\r\n\r\n", 200, "application/pdf"},
		{"malformed header line still gives the type", "HTTP/1.1 200 OK\r\nbroken line\r\nContent-Type: text/plain\r\n\r\n", 200, "text/plain"},
		{"not HTTP", "ICY 200 OK\r\n\r\n", 0, "unk"},
		{"status not three digits", "HTTP/1.1 20 OK\r\n\r\n", 0, "unk"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, err := warcStatusCode([]byte(c.head))
			if status != c.status || (err == nil) != (c.status != 0) {
				t.Errorf("status %d, %v; want %d", status, err, c.status)
			}
			if got := warcMime([]byte(c.head)); got != c.mime {
				t.Errorf("mime %q, want %q", got, c.mime)
			}
		})
	}
}
