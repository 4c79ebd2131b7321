//! Frame-time summaries shared by the app's benchmark examples.

use std::time::Duration;

/// Prints `what` with the mean, median, 95th percentile and worst of `times`.
pub fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len().max(1) as f64;
    let at = |q: f64| ms(times[((times.len().saturating_sub(1)) as f64 * q) as usize]);
    println!(
        "  {what:<40} mean {mean:6.2} ms  median {:6.2}  p95 {:6.2}  worst {:6.2}",
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
