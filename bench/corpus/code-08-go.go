package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

type Result struct {
	URL      string
	Duration time.Duration
	Err      error
}

func probeAll(ctx context.Context, urls []string, probe func(context.Context, string) error) []Result {
	results := make([]Result, len(urls))
	var wg sync.WaitGroup
	for i, url := range urls {
		wg.Add(1)
		go func(i int, url string) {
			defer wg.Done()
			start := time.Now()
			err := probe(ctx, url)
			if errors.Is(err, context.DeadlineExceeded) {
				err = fmt.Errorf("%s: timed out", url)
			}
			results[i] = Result{URL: url, Duration: time.Since(start), Err: err}
		}(i, url)
	}
	wg.Wait()
	return results
}
