export async function fetchWithRetry(url, options = {}, { retries = 3, baseDelayMs = 200 } = {}) {
  let lastError;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      const response = await fetch(url, options);
      if (response.status === 429 || response.status >= 500) {
        throw new Error(`retryable status ${response.status}`);
      }
      return response;
    } catch (error) {
      lastError = error;
      const jitter = Math.random() * baseDelayMs;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt + jitter));
    }
  }
  throw lastError;
}
