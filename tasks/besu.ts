export const besuTasks = [];
