/** Reading a chosen file in the popup: text as it is, binary formats as base64 for the message. */

export async function readChosenFile(file: File, binary: boolean): Promise<string> {
  if (!binary) return file.text();
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
  // "data:<type>;base64,<data>": the data is all that is needed.
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}
