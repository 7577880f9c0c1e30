package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// Limits of Fetch.
const (
	FetchMaxBytes  = 5 << 20
	FetchTimeout   = 15 * time.Second
	fetchRedirects = 5
)

// ErrForbiddenAddress is returned (wrapped) when a URL leads to an address
// Fetch refuses: loopback, private, link-local, multicast or unspecified.
var ErrForbiddenAddress = errors.New("address not allowed")

// Fetch reads a web page for a user who pasted its URL. Since the server
// fetches on the user's behalf, it refuses to connect to loopback,
// private (RFC 1918, unique local), link-local, CGNAT, multicast and
// unspecified addresses, checked on the address actually dialled, so a
// name that resolves to one, or a redirect to one, is refused too. It
// follows at most five redirects, reads at most FetchMaxBytes and gives up
// after FetchTimeout.
func Fetch(ctx context.Context, rawURL string) (body []byte, contentType string, err error) {
	return defaultFetcher.fetch(ctx, rawURL)
}

type fetcher struct {
	maxBytes int64
	timeout  time.Duration
	allowed  func(netip.Addr) bool
	client   *http.Client
}

var defaultFetcher = newFetcher(FetchMaxBytes, FetchTimeout, publicAddr)

func newFetcher(maxBytes int64, timeout time.Duration, allowed func(netip.Addr) bool) *fetcher {
	f := &fetcher{maxBytes: maxBytes, timeout: timeout, allowed: allowed}
	dialer := &net.Dialer{
		Timeout: timeout,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("fetch: dialling %s: %w", address, err)
			}
			if !f.allowed(ap.Addr().Unmap()) {
				return fmt.Errorf("fetch: %s: %w", ap.Addr(), ErrForbiddenAddress)
			}
			return nil
		},
	}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, unchecked
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	f.client = &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= fetchRedirects {
				return fmt.Errorf("fetch: more than %d redirects", fetchRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("fetch: redirect to a %s: URL", req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

// publicAddr reports whether a is an address on the public internet.
func publicAddr(a netip.Addr) bool {
	cgnat := netip.MustParsePrefix("100.64.0.0/10")
	return a.IsValid() && a.IsGlobalUnicast() && !a.IsPrivate() && !cgnat.Contains(a) &&
		!a.IsLoopback() && !a.IsLinkLocalUnicast() && !a.IsMulticast() && !a.IsUnspecified()
}

func (f *fetcher) fetch(ctx context.Context, rawURL string) ([]byte, string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, "", fmt.Errorf("fetch: %q is not a URL: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, "", fmt.Errorf("fetch: %q: only http and https URLs can be fetched", rawURL)
	}
	if u.Host == "" {
		return nil, "", fmt.Errorf("fetch: %q has no host", rawURL)
	}
	if u.User != nil {
		return nil, "", fmt.Errorf("fetch: %q: URLs with credentials are refused", rawURL)
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", fmt.Errorf("fetch: %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", "sitrep (+https://github.com/sitrep-dev/sitrep)")
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, "", f.failed(rawURL, "", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("fetch: %s: the server answered %s", rawURL, resp.Status)
	}
	if resp.ContentLength > f.maxBytes {
		return nil, "", fmt.Errorf("fetch: %s: %d bytes is over the limit of %d", rawURL, resp.ContentLength, f.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, "", f.failed(rawURL, "reading: ", err)
	}
	if int64(len(body)) > f.maxBytes {
		return nil, "", fmt.Errorf("fetch: %s: over the limit of %d bytes", rawURL, f.maxBytes)
	}
	return body, resp.Header.Get("Content-Type"), nil
}

// failed words a failed request for people. Running out of time shows up
// as the client's timeout, the context's deadline or a network timeout,
// depending on where the request was when time ran out: all say "timeout".
func (f *fetcher) failed(rawURL, doing string, err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("fetch: %s: %stimeout after %v: %w", rawURL, doing, f.timeout, err)
	}
	return fmt.Errorf("fetch: %s: %s%w", rawURL, doing, err)
}
