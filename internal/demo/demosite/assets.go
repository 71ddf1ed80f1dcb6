package demosite

import (
	"net/http"
	"path"
	"strings"
	"time"
)

// assetPrefixes are the folders of images, stylesheets and scripts. The
// record pages also refer to /css/ and /themes/, and record 1408 to /odp_files/.
var assetPrefixes = []string{"/archive/", "/media/", "/odp_files/", "/img/", "/static/", "/css/", "/themes/"}

// assetModified is the Last-Modified date of every asset.
var assetModified = time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)

// Tiny valid files: a 1x1 PNG, JPEG and GIF, a stylesheet and a script.
const (
	tinyPNG = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\b\x02\x00\x00\x00\x90wS\xde" +
		"\x00\x00\x00\x10IDATx\x9cb\x92\x8f\xef\x06\x04\x00\x00\xff\xff\x01\xb2\x01\f" +
		"F\xd1g\xac\x00\x00\x00\x00IEND\xaeB`\x82"
	tinyJPEG = "\xff\xd8\xff\xdb\x00\x84\x00\x10\v\f\x0e\f\n\x10\x0e\r\x0e\x12\x11\x10\x13\x18(\x1a\x18\x16\x16\x181#%\x1d(:3=<938" +
		"7@H\\N@DWE78PmQW_bghg>Mqypdx\\egc\x01\x11\x12\x12\x18\x15\x18/\x1a" +
		"\x1a/cB8Bcccccccccccccccccccccccccccccccccc" +
		"cccccccccccccccc\xff\xc0\x00\v\b\x00\x01\x00\x01\x01\x01\x11\x00\xff\xc4\x00\xd2\x00\x00\x01\x05\x01\x01\x01" +
		"\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04\x05\x06\a\b\t\n\v\x10\x00\x02\x01\x03\x03\x02\x04\x03\x05\x05\x04\x04\x00\x00\x01}\x01" +
		"\x02\x03\x00\x04\x11\x05\x12!1A\x06\x13Qa\a\"q\x142\x81\x91\xa1\b#B\xb1\xc1\x15R\xd1\xf0$3br\x82\t\n\x16\x17" +
		"\x18\x19\x1a%&'()*456789:CDEFGHIJSTUVWXYZcdefghij" +
		"stuvwxyz\x83\x84\x85\x86\x87\x88\x89\x8a\x92\x93\x94\x95\x96\x97\x98\x99\x9a\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xb2\xb3\xb4\xb5\xb6\xb7" +
		"\xb8\xb9\xba\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9" +
		"\xfa\xff\xda\x00\b\x01\x01\x00\x00?\x00+\xff\xd9"
	tinyGIF = "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00" +
		",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
	tinyCSS = "body { font-family: sans-serif; margin: 0 auto; max-width: 60em; }\n" +
		".regione { font-size: small; }\n"
	tinyJS = "/* archivio demo site: no scripts needed */\n"
)

// asset is a file served under one of assetPrefixes, by extension.
type asset struct {
	contentType string
	body        string
}

// assetFor returns the asset served for a path with extension ext.
func assetFor(ext string) (asset, bool) {
	switch strings.ToLower(ext) {
	case ".png":
		return asset{"image/png", tinyPNG}, true
	case ".jpg", ".jpeg":
		return asset{"image/jpeg", tinyJPEG}, true
	case ".gif":
		return asset{"image/gif", tinyGIF}, true
	case ".css":
		return asset{"text/css; charset=utf-8", tinyCSS}, true
	case ".js":
		return asset{"text/javascript; charset=utf-8", tinyJS}, true
	}
	return asset{}, false
}

// isAsset reports whether path is under one of assetPrefixes.
func isAsset(p string) bool {
	for _, prefix := range assetPrefixes {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// serveAsset answers any file name with a known extension under the
// asset folders with the tiny file of its type; anything else is 404.
func (s *Site) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := assetFor(path.Ext(r.URL.Path))
	if !ok || strings.HasSuffix(r.URL.Path, "/") {
		s.serveError(w, r, http.StatusNotFound)
		return
	}
	serveOK(w, r, a.contentType, []byte(a.body), assetModified)
}
