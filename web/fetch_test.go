package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestPublicAddr(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"93.184.215.14", true},
		{"2606:2800:21f:cb07:6820:80da:af6b:8b2c", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fd00::1", false},
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
	} {
		if got := publicAddr(netip.MustParseAddr(tc.addr)); got != tc.want {
			t.Errorf("publicAddr(%s) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}

func TestFetchRefuses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	for _, u := range []string{
		srv.URL,
		"http://localhost:" + port + "/",
		"http://[::1]:" + port + "/",
		"http://0.0.0.0:" + port + "/",
		"http://169.254.169.254/latest/meta-data/",
		"http://10.0.0.1/",
		"http://[fe80::1%25lo]/",
	} {
		_, _, err := Fetch(context.Background(), u)
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("Fetch(%s): %v, want ErrForbiddenAddress", u, err)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/x", "gopher://example.org", "http://user:pw@example.org/", "http:///nohost", "::"} {
		if _, _, err := Fetch(context.Background(), u); err == nil {
			t.Errorf("Fetch(%s) succeeded", u)
		}
	}
}

// loopback4 lets the tests fetch from an IPv4 loopback server while still
// refusing every other address, IPv6 loopback included.
func loopback4(a netip.Addr) bool { return a.Is4() && a.IsLoopback() }

func TestFetchLimits(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<p>hello</p>")
		case "/big":
			fmt.Fprint(w, strings.Repeat("x", 2000))
		case "/slow":
			time.Sleep(300 * time.Millisecond)
			fmt.Fprint(w, "late")
		case "/redirect-ipv6":
			http.Redirect(w, r, "http://[::1]"+r.Host[strings.LastIndex(r.Host, ":"):]+"/ok", http.StatusFound)
		case "/redirect-file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/missing":
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f := newFetcher(1000, 150*time.Millisecond, loopback4)

	body, ct, err := f.fetch(context.Background(), srv.URL+"/ok")
	if err != nil || string(body) != "<p>hello</p>" || ct != "text/html" {
		t.Fatalf("fetch /ok: %q %q %v", body, ct, err)
	}
	for _, tc := range []struct {
		path, want string
	}{
		{"/big", "limit"},
		{"/slow", "timeout"},
		{"/redirect-ipv6", "not allowed"},
		{"/redirect-file", "redirect"},
		{"/loop", "redirects"},
		{"/missing", "404"},
	} {
		_, _, err := f.fetch(context.Background(), srv.URL+tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("fetch %s: %v, want an error about %q", tc.path, err, tc.want)
		}
	}
}
