/** The worker bundle as a string (scripts/inline-worker-loader.cjs). */
declare module "*inline-worker-loader.cjs!./worker" {
  const code: string;
  export default code;
}
