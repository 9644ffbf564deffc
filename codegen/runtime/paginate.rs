//! Every item of every page, as one `Stream`.

use std::future::Future;
use std::marker::PhantomData;

use futures_core::Stream;

use super::envelope::Page;
use super::error::Error;

/// The parameters of a list operation, as far as paging goes.
pub trait PageParams: Clone {
    /// The page asked for, if set.
    fn page(&self) -> Option<i64>;
    /// The page size asked for, if set.
    fn per_page(&self) -> Option<i64>;
    /// The same parameters asking for `page`.
    fn with_page(&self, page: i64) -> Self;
}

/// The `result_info` of a list response, as far as paging goes.
pub trait PageInfo {
    /// The page the server says it sent.
    fn page(&self) -> Option<f64>;
    /// The page size the server used.
    fn per_page(&self) -> Option<f64>;
    /// How many items there are in all.
    fn total_count(&self) -> Option<f64>;
}

/// Fetches page after page, starting at `params.page()` (or 1), and yields
/// their items. It stops after an empty page, a page shorter than `per_page`
/// (the server's, else the caller's), or once `page * per_page >=
/// total_count` when the server reports a total: no request past the end.
/// A page that repeats the one before (a server ignoring `page`) ends it with
/// [`Error::PaginationRepeated`]; a failed fetch ends it with that error.
/// Dropping the stream drops the request in flight.
///
/// `T: Clone` because a page's items are yielded and also kept until the next
/// page arrives, to compare; the last page is not copied.
pub fn paginate<T, I, P, F, Fut>(params: P, fetch: F) -> impl Stream<Item = Result<T, Error>>
where
    T: PartialEq + Clone,
    P: PageParams,
    I: PageInfo,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Page<T, I>, Error>>,
{
    let state = State {
        next_page: Some(params.page().unwrap_or(1)),
        params,
        fetch,
        items: Vec::new().into_iter(),
        previous: None,
        info: PhantomData,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        let item = state.next_item().await?;
        Some((item, state))
    })
}

struct State<T, I, P, F> {
    params: P,
    fetch: F,
    /// `None` once the last page has been fetched or an error yielded.
    next_page: Option<i64>,
    /// The items of the current page not yet yielded.
    items: std::vec::IntoIter<T>,
    /// The items of the current page, kept to compare with the next.
    previous: Option<Vec<T>>,
    info: PhantomData<fn() -> I>,
}

impl<T, I, P, F, Fut> State<T, I, P, F>
where
    T: PartialEq + Clone,
    P: PageParams,
    I: PageInfo,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Page<T, I>, Error>>,
{
    async fn next_item(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.items.next() {
                return Some(Ok(item));
            }
            let page_number = self.next_page.take()?;
            let page = match (self.fetch)(self.params.with_page(page_number)).await {
                Ok(page) => page,
                Err(error) => return Some(Err(error)),
            };
            if page.result.is_empty() {
                return None;
            }
            if self.previous.as_ref() == Some(&page.result) {
                return Some(Err(Error::PaginationRepeated { page: page_number }));
            }
            if !self.is_last(page_number, &page) {
                self.next_page = page_number.checked_add(1);
                self.previous = Some(page.result.clone());
            }
            self.items = page.result.into_iter();
        }
    }

    fn is_last(&self, page_number: i64, page: &Page<T, I>) -> bool {
        let info = page.result_info.as_ref();
        let per_page = info
            .and_then(PageInfo::per_page)
            .or_else(|| self.params.per_page().map(|n| n as f64))
            .filter(|&n| n > 0.0);
        let Some(per_page) = per_page else {
            return false;
        };
        if (page.result.len() as f64) < per_page {
            return true;
        }
        info.and_then(PageInfo::total_count)
            .is_some_and(|total| page_number as f64 * per_page >= total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::{FutureExt, StreamExt};
    use std::cell::RefCell;
    use std::future::ready;
    use std::rc::Rc;

    #[derive(Clone, Debug)]
    struct Params {
        page: Option<i64>,
        per_page: Option<i64>,
    }

    impl PageParams for Params {
        fn page(&self) -> Option<i64> {
            self.page
        }
        fn per_page(&self) -> Option<i64> {
            self.per_page
        }
        fn with_page(&self, page: i64) -> Self {
            Self {
                page: Some(page),
                ..self.clone()
            }
        }
    }

    #[derive(Default)]
    struct Info {
        per_page: Option<f64>,
        total_count: Option<f64>,
    }

    impl PageInfo for Info {
        fn page(&self) -> Option<f64> {
            None
        }
        fn per_page(&self) -> Option<f64> {
            self.per_page
        }
        fn total_count(&self) -> Option<f64> {
            self.total_count
        }
    }

    fn page(items: std::ops::Range<u32>, info: Option<Info>) -> Page<u32, Info> {
        Page {
            result: items.collect(),
            result_info: info,
            messages: vec![],
        }
    }

    /// Runs the stream to its end; the fake fetches are always ready.
    fn collect<S: Stream<Item = Result<u32, Error>>>(stream: S) -> (Vec<u32>, Option<Error>) {
        let mut stream = std::pin::pin!(stream);
        let (mut items, mut error) = (Vec::new(), None);
        while let Some(next) = stream.next().now_or_never().expect("fake fetch is ready") {
            match next {
                Ok(item) => items.push(item),
                Err(e) => {
                    assert!(error.is_none(), "two errors");
                    error = Some(e);
                }
            }
        }
        (items, error)
    }

    type Fetched = Result<Page<u32, Info>, Error>;
    type Calls = Rc<RefCell<Vec<i64>>>;

    /// Serves `pages` by page number (1-based) and records the pages asked for.
    fn server(
        pages: impl Fn(i64) -> Fetched,
    ) -> (Calls, impl FnMut(Params) -> std::future::Ready<Fetched>) {
        let calls = Rc::new(RefCell::new(Vec::new()));
        let seen = calls.clone();
        let fetch = move |params: Params| {
            let n = params.page.expect("page is always set");
            seen.borrow_mut().push(n);
            ready(pages(n))
        };
        (calls, fetch)
    }

    fn params(page: Option<i64>, per_page: Option<i64>) -> Params {
        Params { page, per_page }
    }

    #[test]
    fn reported_total_stops_without_an_extra_request() {
        // 3 full pages of 2; total 6.
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            Ok(page(
                start..start + 2,
                Some(Info {
                    per_page: Some(2.0),
                    total_count: Some(6.0),
                }),
            ))
        });
        let (items, error) = collect(paginate(params(None, None), fetch));
        assert!(error.is_none());
        assert_eq!(items, (0..6).collect::<Vec<_>>());
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
    }

    #[test]
    fn without_totals_a_short_page_is_the_last() {
        let (calls, fetch) = server(|n| match n {
            1 | 2 => Ok(page((n as u32) * 10..(n as u32) * 10 + 3, None)),
            3 => Ok(page(30..31, None)),
            _ => panic!("asked past the end"),
        });
        let (items, error) = collect(paginate(params(None, Some(3)), fetch));
        assert!(error.is_none());
        assert_eq!(items, vec![10, 11, 12, 20, 21, 22, 30]);
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
    }

    #[test]
    fn server_per_page_wins_over_the_callers() {
        // The caller asked for 50 but the server pages by 2.
        let (calls, fetch) = server(|n| match n {
            1 => Ok(page(
                0..2,
                Some(Info {
                    per_page: Some(2.0),
                    ..Info::default()
                }),
            )),
            2 => Ok(page(
                2..3,
                Some(Info {
                    per_page: Some(2.0),
                    ..Info::default()
                }),
            )),
            _ => panic!("asked past the end"),
        });
        let (items, _) = collect(paginate(params(None, Some(50)), fetch));
        assert_eq!(items, vec![0, 1, 2]);
        assert_eq!(*calls.borrow(), vec![1, 2]);
    }

    #[test]
    fn without_any_per_page_an_empty_page_ends_it() {
        let (calls, fetch) = server(|n| match n {
            1 => Ok(page(0..3, None)),
            2 => Ok(page(3..4, None)),
            3 => Ok(page(0..0, None)),
            _ => panic!("asked past the end"),
        });
        let (items, error) = collect(paginate(params(None, None), fetch));
        assert!(error.is_none());
        assert_eq!(items, vec![0, 1, 2, 3]);
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
    }

    #[test]
    fn server_ignoring_page_is_an_error_after_the_second_page() {
        let (calls, fetch) = server(|_| Ok(page(0..3, None)));
        let (items, error) = collect(paginate(params(None, Some(3)), fetch));
        assert_eq!(items, vec![0, 1, 2]);
        assert!(
            matches!(error, Some(Error::PaginationRepeated { page: 2 })),
            "{error:?}"
        );
        assert_eq!(*calls.borrow(), vec![1, 2]);
    }

    #[test]
    fn failure_on_page_three_ends_after_two_pages() {
        let (calls, fetch) = server(|n| match n {
            1 | 2 => Ok(page((n as u32) * 10..(n as u32) * 10 + 2, None)),
            _ => Err(Error::Timeout),
        });
        let (items, error) = collect(paginate(params(None, Some(2)), fetch));
        assert_eq!(items, vec![10, 11, 20, 21]);
        assert!(matches!(error, Some(Error::Timeout)));
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
    }

    #[test]
    fn starts_at_the_callers_page() {
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            Ok(page(
                start..start + 2,
                Some(Info {
                    per_page: Some(2.0),
                    total_count: Some(6.0),
                }),
            ))
        });
        let (items, _) = collect(paginate(params(Some(2), None), fetch));
        assert_eq!(items, vec![2, 3, 4, 5]);
        assert_eq!(*calls.borrow(), vec![2, 3]);
    }

    #[test]
    fn nothing_is_fetched_until_polled_and_the_stream_is_send_when_its_parts_are() {
        fn assert_send_static<S: Send + 'static>(_: &S) {}
        let fetch = |_: Params| async { Ok::<_, Error>(page(0..0, None)) };
        let stream = paginate(params(None, None), fetch);
        assert_send_static(&stream);
        let (items, error) = collect(stream);
        assert!(items.is_empty() && error.is_none());
    }

    #[test]
    fn an_error_on_the_first_page_is_yielded_once() {
        let (calls, fetch) = server(|_| Err(Error::Config("x".into())));
        let (items, error) = collect(paginate(params(None, None), fetch));
        assert!(items.is_empty() && matches!(error, Some(Error::Config(_))));
        assert_eq!(*calls.borrow(), vec![1]);
    }
}
