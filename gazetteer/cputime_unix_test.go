//go:build unix

package gazetteer

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system, on
// all threads (the garbage collector's included). Benchmarks report
// throughput per CPU second as well as per wall second, since wall time on
// a shared machine says more about the neighbours than about the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
