import { useEffect, useRef, useState } from 'react';
import type { ImportKind, ImportMode, ImportView } from '../../../../sdk';
import { api, asGonghuiError } from '../../api';
import { describeError } from '../../errors';
import { finished } from './words';

export type Followed =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string }
  | { phase: 'opening'; id: string }
  /** `uploaded`: sent from this page, which waits for it before taking another file. */
  | { phase: 'following'; view: ImportView; uploaded: boolean }
  /** `id`: the import was accepted but could not be read; it can be asked for again. */
  | { phase: 'failed'; message: string; id?: string };

const POLL_MS = 400;

/** Waits, or stops waiting as soon as the signal says so. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * The import on screen: one uploaded here, followed until it ends, or an earlier one opened from
 * the history. `onChange` runs when one is accepted and when it ends (the history lists it).
 */
export function useImport(orgCode: string, onChange: () => void) {
  const [state, setState] = useState<Followed>({ phase: 'idle' });
  const running = useRef<AbortController | null>(null);
  // Leaving the view stops the polling.
  useEffect(() => () => running.current?.abort(), []);

  const begin = () => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    return controller.signal;
  };

  // Polled here, not with the SDK's wait(): a view that is left, or another import opened, must
  // stop the polling at once, also when that happens while a poll is under way.
  const follow = async (id: string, signal: AbortSignal, uploaded: boolean) => {
    try {
      for (;;) {
        const view = await api.imports.get(id);
        if (signal.aborted) return;
        setState({ phase: 'following', view, uploaded });
        if (finished(view)) {
          onChange();
          return;
        }
        await pause(POLL_MS, signal);
        if (signal.aborted) return;
      }
    } catch (error) {
      if (!signal.aborted) setState({ phase: 'failed', message: `无法取得导入进度：${describeError(asGonghuiError(error))}`, id });
    }
  };

  const upload = async (kind: ImportKind, file: File, mode: ImportMode) => {
    const signal = begin();
    setState({ phase: 'uploading', fileName: file.name });
    let accepted: ImportView;
    try {
      accepted = await api.imports.upload(kind, { org: orgCode, file, fileName: file.name, mode });
    } catch (error) {
      if (!signal.aborted) setState({ phase: 'failed', message: `上传失败：${describeError(asGonghuiError(error))}` });
      return;
    }
    if (signal.aborted) return;
    setState({ phase: 'following', view: accepted, uploaded: true });
    onChange();
    await follow(accepted.id, signal, true);
  };

  const open = (id: string) => {
    const signal = begin();
    setState({ phase: 'opening', id });
    void follow(id, signal, false);
  };

  const openId = state.phase === 'following' ? state.view.id : state.phase === 'opening' || state.phase === 'failed' ? state.id : undefined;
  const busy = state.phase === 'uploading' || (state.phase === 'following' && state.uploaded && !finished(state.view));
  return { state, upload, open, openId, busy };
}
