import { useState, type FormEvent } from 'react';

const ID_NUMBER = /^\d{17}[\dX]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

// GB 11643's check character (ISO 7064 MOD 11-2), so a mistyped digit is told here in Chinese.
function hasValidCheck(idNumber: string): boolean {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(idNumber[i]), 0);
  return '10X98765432'[sum % 11] === idNumber[17];
}

/** 按身份证号查找: offered only to roles that read personal data (the server refuses the others). */
export function IdNumberLookup({ onLookup }: { onLookup: (idNumber: string) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const idNumber = text.trim().toUpperCase();
    if (!ID_NUMBER.test(idNumber)) {
      setProblem('请输入 18 位身份证号（最后一位可为 X）');
      return;
    }
    if (!hasValidCheck(idNumber)) {
      setProblem('身份证号校验位不符，请核对');
      return;
    }
    setProblem(undefined);
    onLookup(idNumber);
  };
  return (
    <form className="id-lookup" onSubmit={submit} role="search" data-testid="lookup-id-number">
      <input
        name="idNumber"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="按身份证号精确查找"
        maxLength={18}
        autoComplete="off"
        spellCheck={false}
        aria-label="身份证号"
      />
      <button type="submit" className="secondary">
        查找
      </button>
      {problem && <span className="error">{problem}</span>}
    </form>
  );
}
