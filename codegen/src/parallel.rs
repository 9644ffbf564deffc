//! Independent work items on every core, results in input order.
//!
//! Workers take the next item from a shared counter, heaviest first, so one
//! large file at the end of a fixed chunk never leaves a core idle while the
//! other works alone. The result is the same whatever the interleaving.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `work` applied to every item, in the order of `items`. `weight` estimates
/// an item's cost; items are started heaviest first.
pub fn map<T, R, W, F>(items: &[T], weight: W, work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> usize,
    F: Fn(&T) -> R + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Stable: equal weights keep input order, so runs schedule alike.
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let worker = || loop {
        let taken = next.fetch_add(1, Ordering::Relaxed);
        let Some(&index) = order.get(taken) else {
            break;
        };
        let result = work(&items[index]);
        // A worker that panicked is resumed below; the slots stay usable.
        let mut slots = slots.lock().unwrap_or_else(|poison| poison.into_inner());
        slots[index] = Some(result);
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        worker();
        for handle in workers {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(|poison| poison.into_inner())
        .into_iter()
        .map(|slot| slot.expect("every item is taken by exactly one worker"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_input_order_whatever_the_weights() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = map(&items, |&i| i % 7, |&i| i * 2);
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_gives_no_results() {
        let none: Vec<u8> = map(&[] as &[u8], |_| 0, |&b| b);
        assert!(none.is_empty());
    }

    #[test]
    #[should_panic(expected = "item 3")]
    fn a_panic_in_one_item_reaches_the_caller() {
        let items: Vec<usize> = (0..8).collect();
        map(
            &items,
            |_| 1,
            |&i| {
                assert_ne!(i, 3, "item 3");
                i
            },
        );
    }
}
