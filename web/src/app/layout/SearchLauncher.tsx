export function SearchLauncher() {
  return null;
}
