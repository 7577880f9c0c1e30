package eval

import (
	"os"
	"testing"
)

// TestMain runs the tests with SITREP_STRICT set: a panic the extractor
// recovers from on a document fails the test that met it, rather than
// passing as a document without events.
func TestMain(m *testing.M) {
	os.Setenv("SITREP_STRICT", "1")
	os.Exit(m.Run())
}
