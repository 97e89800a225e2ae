import { useEffect, useRef, useState } from 'react';
import { asGonghuiError } from '../../api';
import { describeError } from '../../errors';
import type { SelectedOrg } from '../types';
import { downloadWorkerList, EXPORT_LIMIT, ExportCancelled, fetchWorkerList, TooManyToExport } from './exportWorkers';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; count: number; seconds: number }
  | { phase: 'cancelled'; done: number; total: number }
  | { phase: 'refused'; total: number }
  | { phase: 'failed'; message: string };

/** 导出 Excel of the whole list: where it stands, and how to start and stop it. */
export function useWorkerExport(org: SelectedOrg, total: number, masked: boolean) {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const running = useRef<AbortController | null>(null);
  // Leaving the page stops the paging.
  useEffect(() => () => running.current?.abort(), []);

  const start = async () => {
    // The list's count is known: a list too long is refused before the first request.
    if (total > EXPORT_LIMIT) {
      setState({ phase: 'refused', total });
      return;
    }
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    const started = performance.now();
    setState({ phase: 'running', done: 0, total });
    try {
      const rows = await fetchWorkerList(org.id, {
        signal: controller.signal,
        onProgress: (done, all) => setState({ phase: 'running', done, total: all }),
      });
      // A cancel that came after the last page still means no file.
      if (controller.signal.aborted) return;
      await downloadWorkerList(org, rows, masked);
      setState({ phase: 'done', count: rows.length, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      if (error instanceof ExportCancelled) return;
      if (error instanceof TooManyToExport) setState({ phase: 'refused', total: error.total });
      else setState({ phase: 'failed', message: describeError(asGonghuiError(error)) });
    } finally {
      if (running.current === controller) running.current = null;
    }
  };

  const cancel = () => {
    running.current?.abort();
    setState((now) => (now.phase === 'running' ? { phase: 'cancelled', done: now.done, total: now.total } : now));
  };

  return { state, start, cancel };
}
