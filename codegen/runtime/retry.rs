//! When to send a request again and how long to wait first, as pure
//! functions: the rules common to generated API clients (retryable
//! statuses, `x-should-retry`, `retry-after-ms` and `retry-after`, capped
//! exponential backoff with jitter).

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// Wait before the first retry when the server names none.
pub const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
/// Longest computed wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// Longest server-named wait (`retry-after-ms`, `retry-after`) that is obeyed.
/// A longer one is ignored and [`backoff`] (at most [`MAX_BACKOFF`]) is used
/// instead: the wait is silently shortened, so a server cannot park a call.
/// Any wait also counts against the call's whole time budget; a retry whose
/// wait would end past it is not made.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// How one attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// A response came back.
    Response {
        /// Its HTTP status.
        status: u16,
        /// Its `x-should-retry` header, when it was `true` or `false`.
        should_retry_header: Option<bool>,
    },
    /// The connection failed or broke.
    ConnectionError,
    /// No response came within the timeout.
    Timeout,
}

/// Whether the attempt is worth repeating (retries left aside). Connection
/// errors and timeouts are; a response is when its status is (see
/// [`status_is_retryable`]) unless `x-should-retry` says otherwise. A
/// response below 400 is never retried (a 2xx is a result, a 3xx an error).
pub fn should_retry(attempt: Attempt) -> bool {
    match attempt {
        Attempt::ConnectionError | Attempt::Timeout => true,
        Attempt::Response { status, .. } if status < 400 => false,
        Attempt::Response {
            should_retry_header: Some(decision),
            ..
        } => decision,
        Attempt::Response { status, .. } => status_is_retryable(status),
    }
}

/// 408 Request Timeout, 409 Conflict, 429 Too Many Requests and every 5xx.
pub fn status_is_retryable(status: u16) -> bool {
    matches!(status, 408 | 409 | 429 | 500..=599)
}

/// The `x-should-retry` header: `Some(true)`, `Some(false)`, or `None` when
/// absent or neither word.
pub fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    let value = headers.get("x-should-retry")?.to_str().ok()?.trim();
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The wait the server asks for: `retry-after-ms` (milliseconds), else
/// `retry-after` (seconds, or an HTTP date measured from `now`). The first
/// that parses decides; it is obeyed only when more than 0 and at most
/// [`MAX_RETRY_AFTER`] (60 s); otherwise `None`, and [`wait_time`] backs off.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let nanos = match header("retry-after-ms").and_then(finite_number) {
        Some(millis) => millis * 1e6,
        None => {
            let value = header("retry-after")?;
            match finite_number(value) {
                Some(seconds) => seconds * 1e9,
                None => nanos_until(httpdate::parse_http_date(value).ok()?, now),
            }
        }
    };
    let limit = MAX_RETRY_AFTER.as_nanos() as f64;
    (nanos > 0.0 && nanos <= limit).then(|| Duration::from_nanos(nanos.round() as u64))
}

/// A finite number (`NaN` and `inf` parse as `f64` but mean nothing here).
fn finite_number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Nanoseconds from `now` to `date`, negative when `date` is past.
fn nanos_until(date: SystemTime, now: SystemTime) -> f64 {
    match date.duration_since(now) {
        Ok(ahead) => ahead.as_nanos() as f64,
        Err(behind) => -(behind.duration().as_nanos() as f64),
    }
}

/// Exponential backoff before retry number `retries_done + 1`:
/// `min(0.5 s * 2^retries_done, 8 s)`, less `jitter` (0.0 to 1.0) times 25 %.
pub fn backoff(retries_done: u32, jitter: f64) -> Duration {
    let factor = 2f64.powi(retries_done.min(16) as i32);
    let base = INITIAL_BACKOFF.mul_f64(factor).min(MAX_BACKOFF);
    base.mul_f64(1.0 - 0.25 * jitter.clamp(0.0, 1.0))
}

/// The wait before the next attempt, `retries_done` retries having been made:
/// the server's [`retry_after`] when it names a usable one, else [`backoff`]
/// with random jitter.
pub fn wait_time(retries_done: u32, headers: Option<&HeaderMap>) -> Duration {
    headers
        .and_then(|headers| retry_after(headers, SystemTime::now()))
        .unwrap_or_else(|| backoff(retries_done, fastrand::f64()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn response(status: u16, should_retry_header: Option<bool>) -> Attempt {
        Attempt::Response {
            status,
            should_retry_header,
        }
    }

    #[test]
    fn retryable_statuses() {
        for status in [408, 409, 429, 500, 502, 503, 504, 599] {
            assert!(should_retry(response(status, None)), "{status}");
        }
        for status in [200, 204, 301, 400, 401, 403, 404, 422, 600] {
            assert!(!should_retry(response(status, None)), "{status}");
        }
    }

    #[test]
    fn connection_errors_and_timeouts_are_retried() {
        assert!(should_retry(Attempt::ConnectionError));
        assert!(should_retry(Attempt::Timeout));
    }

    #[test]
    fn header_overrides_status_either_way() {
        assert!(should_retry(response(400, Some(true))));
        assert!(!should_retry(response(503, Some(false))));
        assert!(!should_retry(response(429, Some(false))));
        // A success is a result, whatever the header says.
        assert!(!should_retry(response(200, Some(true))));
    }

    #[test]
    fn should_retry_header_parses() {
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "true")])),
            Some(true)
        );
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "FALSE")])),
            Some(false)
        );
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "maybe")])),
            None
        );
        assert_eq!(should_retry_header(&HeaderMap::new()), None);
    }

    #[test]
    fn retry_after_ms_is_obeyed() {
        let now = SystemTime::now();
        let h = headers(&[("retry-after-ms", "1500")]);
        assert_eq!(retry_after(&h, now), Some(Duration::from_millis(1500)));
        let h = headers(&[("retry-after-ms", "2.5")]);
        assert_eq!(retry_after(&h, now), Some(Duration::from_micros(2500)));
    }

    #[test]
    fn retry_after_ms_wins_over_retry_after() {
        let h = headers(&[("retry-after-ms", "100"), ("retry-after", "5")]);
        assert_eq!(
            retry_after(&h, SystemTime::now()),
            Some(Duration::from_millis(100))
        );
        // A usable `retry-after-ms` out of range is not replaced by `retry-after`.
        let h = headers(&[("retry-after-ms", "100000"), ("retry-after", "5")]);
        assert_eq!(retry_after(&h, SystemTime::now()), None);
        // One that does not parse is.
        let h = headers(&[("retry-after-ms", "soon"), ("retry-after", "5")]);
        assert_eq!(
            retry_after(&h, SystemTime::now()),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn retry_after_seconds() {
        let now = SystemTime::now();
        assert_eq!(
            retry_after(&headers(&[("retry-after", "3")]), now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "0.5")]), now),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "60")]), now),
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn retry_after_out_of_range_is_ignored() {
        let now = SystemTime::now();
        for value in ["61", "0", "-1", "NaN", "inf", "soon"] {
            assert_eq!(
                retry_after(&headers(&[("retry-after", value)]), now),
                None,
                "{value}"
            );
        }
        assert_eq!(
            retry_after(&headers(&[("retry-after-ms", "-5")]), now),
            None
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after-ms", "60001")]), now),
            None
        );
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn retry_after_http_date() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        let h = headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:30 GMT")]);
        assert_eq!(retry_after(&h, now), Some(Duration::from_secs(30)));
        let far = headers(&[("retry-after", "Wed, 21 Oct 2015 07:30:00 GMT")]);
        assert_eq!(retry_after(&far, now), None);
        let past = headers(&[("retry-after", "Wed, 21 Oct 2015 07:27:00 GMT")]);
        assert_eq!(retry_after(&past, now), None);
    }

    #[test]
    fn backoff_doubles_up_to_eight_seconds() {
        let expected = [500, 1000, 2000, 4000, 8000, 8000];
        for (n, ms) in expected.into_iter().enumerate() {
            assert_eq!(
                backoff(n as u32, 0.0),
                Duration::from_millis(ms),
                "retry {n}"
            );
        }
        assert_eq!(backoff(u32::MAX, 0.0), MAX_BACKOFF);
    }

    #[test]
    fn jitter_takes_off_at_most_a_quarter() {
        assert_eq!(backoff(0, 1.0), Duration::from_millis(375));
        assert_eq!(backoff(4, 1.0), Duration::from_millis(6000));
        assert_eq!(backoff(0, 0.5), Duration::from_micros(437_500));
    }

    #[test]
    fn wait_time_prefers_the_server_then_backs_off() {
        let h = headers(&[("retry-after-ms", "10")]);
        assert_eq!(wait_time(3, Some(&h)), Duration::from_millis(10));
        for n in 0..6 {
            let wait = wait_time(n, None);
            let full = backoff(n, 0.0);
            assert!(
                wait <= full && wait >= full.mul_f64(0.75),
                "retry {n}: {wait:?}"
            );
        }
        let ignored = headers(&[("retry-after", "120")]);
        assert!(wait_time(0, Some(&ignored)) <= INITIAL_BACKOFF);
    }
}
