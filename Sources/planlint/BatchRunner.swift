import Dispatch
import Foundation

/// Runs work on every core and hands the results back in input order, whatever order they finish in.
///
/// Workers take inputs in order but run at most `window` ahead of the oldest result not yet handed
/// back, so a run of any length holds at most `window` results at once.
final class BatchRunner<Result> {
    let count: Int
    let workers: Int
    let window: Int

    init(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil) {
        self.count = count
        self.workers = max(1, min(workers, count))
        self.window = max(window ?? self.workers * 8, self.workers)
    }

    /// Calls `work` for each index on the worker threads and `emit` for each result, in index order, on this
    /// thread. If `emit` throws, no new work starts and the error is rethrown once the workers stop.
    func run(_ work: @escaping (Int) -> Result, emit: (Int, Result) throws -> Void) throws {
        guard count > 0 else { return }
        let state = State()
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [count, window] in
                while let i = state.claim(count: count, window: window) {
                    state.deliver(i, work(i))
                }
            }
        }
        defer { state.stop(); group.wait() }
        for i in 0..<count { try emit(i, state.take(i)) }
    }

    /// What the workers and the emitting thread share, under one condition lock.
    private final class State {
        let condition = NSCondition()
        var next = 0
        var emitted = 0
        var stopped = false
        var ready: [Int: Result] = [:]

        /// The next index to work on, waiting while the window is full; nil when there is no more work.
        func claim(count: Int, window: Int) -> Int? {
            condition.lock(); defer { condition.unlock() }
            while !stopped && next < count && next >= emitted + window { condition.wait() }
            if stopped || next >= count { return nil }
            next += 1
            return next - 1
        }

        func deliver(_ i: Int, _ result: Result) {
            condition.lock(); defer { condition.unlock() }
            ready[i] = result
            condition.broadcast()
        }

        /// Waits for result `i` (the next in order) and takes it out of the buffer.
        func take(_ i: Int) -> Result {
            condition.lock(); defer { condition.unlock() }
            while ready[i] == nil { condition.wait() }
            emitted = i + 1
            condition.broadcast()
            return ready.removeValue(forKey: i)!
        }

        func stop() {
            condition.lock(); defer { condition.unlock() }
            stopped = true
            condition.broadcast()
        }
    }
}
