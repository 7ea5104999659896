//! The session log's writer thread. The event loop hands it log events and
//! never waits for the disk or for the log's lock (a reader may hold it for
//! seconds); each job's answer comes back as a [`Report`] through the loop's
//! channel, and the loop gives it to the app as it would any other news.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::model::event::{Event, Unsaved};
use crate::store::journal::Journal;

/// What the writer is asked to do.
#[derive(Debug)]
pub enum Job {
    /// Append this event after any still waiting.
    Append(Event),
    /// Try again to write the events waiting.
    Retry,
    /// Write the events waiting into this file instead of the log.
    Export(PathBuf),
}

/// What one job came to.
#[derive(Debug)]
pub struct Report {
    /// How many of the oldest events sent are now written (to the log, or to
    /// the export file for an export).
    pub written: usize,
    /// How the log stands after the job: all written, or events kept and why.
    pub result: Result<(), Unsaved>,
    /// For an export: the file, or why the events could not be written to it.
    pub exported: Option<Result<PathBuf, String>>,
}

/// The handle the event loop keeps: it sends jobs and counts the answers.
pub struct Writer {
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<Journal>>,
    /// The events sent and not yet reported written, oldest first.
    outstanding: VecDeque<Event>,
    /// Jobs sent whose report has not come back.
    in_flight: usize,
}

impl Writer {
    /// Starts the thread; `report` carries each job's answer to the loop.
    pub fn spawn(mut journal: Journal, report: impl Fn(Report) + Send + 'static) -> Writer {
        let (tx, rx) = mpsc::channel::<Job>();
        let thread = std::thread::spawn(move || {
            for job in rx {
                report(run(&mut journal, job));
            }
            // The loop is gone: one last try for what is still waiting.
            let _ = journal.flush();
            journal
        });
        Writer {
            jobs: Some(tx),
            thread: Some(thread),
            outstanding: VecDeque::new(),
            in_flight: 0,
        }
    }

    /// Hands a job to the thread.
    pub fn send(&mut self, job: Job) {
        if let Job::Append(event) = &job {
            self.outstanding.push_back(event.clone());
        }
        if let Some(jobs) = &self.jobs
            && jobs.send(job).is_ok()
        {
            self.in_flight += 1;
        }
    }

    /// Takes in a report: returns the events it says were written, oldest first.
    pub fn reported(&mut self, report: &Report) -> Vec<Event> {
        self.in_flight = self.in_flight.saturating_sub(1);
        let n = report.written.min(self.outstanding.len());
        self.outstanding.drain(..n).collect()
    }

    /// Whether a job's answer is still to come.
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Ends the thread, waiting up to `wait` for it to write what it has, and
    /// returns the events that did not reach the log (if the thread is stuck,
    /// every event not reported written).
    pub fn finish(&mut self, wait: Duration) -> Vec<Event> {
        self.jobs = None;
        let until = Instant::now() + wait;
        while self.thread.as_ref().is_some_and(|t| !t.is_finished()) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(10));
        }
        match self.thread.take() {
            Some(t) if t.is_finished() => match t.join() {
                Ok(journal) => journal.pending().cloned().collect(),
                Err(_) => self.outstanding.drain(..).collect(),
            },
            Some(t) => {
                // Still waiting on the disk; it ends with the process.
                drop(t);
                self.outstanding.drain(..).collect()
            }
            None => Vec::new(),
        }
    }
}

/// Does one job on the writer thread.
fn run(journal: &mut Journal, job: Job) -> Report {
    let before = journal.unsaved();
    match job {
        Job::Append(event) => {
            let result = journal.append(event);
            Report {
                written: before + 1 - journal.unsaved(),
                result,
                exported: None,
            }
        }
        Job::Retry => {
            let result = journal.flush();
            Report {
                written: before - journal.unsaved(),
                result,
                exported: None,
            }
        }
        Job::Export(path) => {
            let exported = journal
                .export(&path)
                .map(|_| path)
                .map_err(|e| e.to_string());
            let result = match journal.unsaved() {
                0 => Ok(()),
                kept => Err(Unsaved {
                    kept,
                    reason: exported.clone().err().unwrap_or_default(),
                }),
            };
            Report {
                written: before - journal.unsaved(),
                result,
                exported: Some(exported),
            }
        }
    }
}
