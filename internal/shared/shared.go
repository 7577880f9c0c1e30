// Package shared finds the real evaluation data (the seed article, ACLED,
// FA-KES, Re3d, PLOVER) that lives beside a clone of the repository in
// ../shared. It is read in place, never copied; a user's clone may not have
// it, so tests that need it skip.
package shared

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Find walks up from start to the directory holding go.mod and returns
// ../shared beside it. It fails when there is no go.mod above start or no
// shared folder beside it.
func Find(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if exists(filepath.Join(dir, "go.mod")) {
			shared := filepath.Join(filepath.Dir(dir), "shared")
			if !exists(shared) {
				return "", fmt.Errorf("no shared data folder at %s", shared)
			}
			return shared, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above %s", start)
		}
		dir = parent
	}
}

// Dir returns the shared data folder for the test's package, or skips the
// test with a message saying why.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := Find(".")
	if err != nil {
		tb.Skipf("real evaluation data (../shared beside the repository) not found: %v", err)
	}
	return dir
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
