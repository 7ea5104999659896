//! Pain before and after sessions.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use serde::Serialize;

use super::History;
use crate::model::event::Name;

/// Pain before and after one session (0-10).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PainPoint {
    pub session: Name,
    pub date: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// The pain series and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct PainSummary {
    /// Sessions with a pain score, oldest first.
    pub series: Vec<PainPoint>,
    pub average_before: Option<f64>,
    pub average_after: Option<f64>,
    /// Sessions with both scores, and by how much pain fell on average across them
    /// (positive: lower after the session).
    pub paired: usize,
    pub average_relief: Option<f64>,
}

impl PainSummary {
    pub fn first(&self) -> Option<&PainPoint> {
        self.series.first()
    }
    pub fn last(&self) -> Option<&PainPoint> {
        self.series.last()
    }
}

impl History {
    /// Pain before and after each session that has a score, with averages.
    pub fn pain<Tz: TimeZone>(&self, tz: &Tz) -> PainSummary {
        self.pain_on(&self.local_dates(tz))
    }

    pub(super) fn pain_on(&self, dates: &[NaiveDate]) -> PainSummary {
        let series: Vec<PainPoint> = self
            .sessions
            .iter()
            .zip(dates)
            .filter(|(s, _)| s.pain_before.is_some() || s.pain_after.is_some())
            .map(|(s, &date)| PainPoint {
                session: s.id.clone(),
                date,
                at: s.started,
                before: s.pain_before,
                after: s.pain_after,
            })
            .collect();
        let average = |values: Vec<u8>| {
            (!values.is_empty())
                .then(|| values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64)
        };
        let before: Vec<u8> = series.iter().filter_map(|p| p.before).collect();
        let after: Vec<u8> = series.iter().filter_map(|p| p.after).collect();
        let relief: Vec<f64> = series
            .iter()
            .filter_map(|p| Some(f64::from(p.before?) - f64::from(p.after?)))
            .collect();
        PainSummary {
            average_before: average(before),
            average_after: average(after),
            paired: relief.len(),
            average_relief: (!relief.is_empty())
                .then(|| relief.iter().sum::<f64>() / relief.len() as f64),
            series,
        }
    }
}
